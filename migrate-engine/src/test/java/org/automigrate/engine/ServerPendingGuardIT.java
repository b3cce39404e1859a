package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A teammate's pending changeset that drops a table and a column is guarded on the servers as a generated one is. */
class ServerPendingGuardIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aPendingChangesetThatDropsDataNeedsAllowDestructive(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            ServerScenarioIT.engine(project, db, "v1").auto();
            db.execute("insert into customer (name, email) values ('Ada', 'a1')");
            project.addChangeset("0002_cleanup.yaml", "cleanup", "\"DROP TABLE order_line; ALTER TABLE customer DROP COLUMN status\"");
            Map<String, String> before = db.tableDigests();

            PreviewResult preview = ServerScenarioIT.engine(project, db, "v1").preview();
            assertThat(preview.pending()).singleElement().extracting(PendingChangeset::drops).asList()
                    .containsExactly("drop table order_line", "drop column customer.status");
            assertThatThrownBy(() -> ServerScenarioIT.engine(project, db, "v1").apply(null))
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED);
                        assertThat(e.getMessage()).contains("A pending changeset drops data: ",
                                "(drop table order_line, drop column customer.status)");
                    });
            assertThat(db.tableDigests()).isEqualTo(before);
        }
    }
}
