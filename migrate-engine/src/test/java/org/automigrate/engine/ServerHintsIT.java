package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** On the servers, a dropped table whose columns a created table has gets a rename hint; the refusal says so. */
class ServerHintsIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aTableWithTheSameColumnsUnderAnotherNameGetsARenameHint(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            ServerScenarioIT.engine(project, db, "v1").auto();
            db.execute("alter table order_line rename to line_of_order");

            PreviewResult preview = ServerScenarioIT.engine(project, db, "v1").preview();

            assertThat(preview.hints()).containsExactly("Was table line_of_order renamed to order_line? Then set "
                    + "-Dmigrate.renames=line_of_order=order_line (or <renames>) to keep its rows.");
            assertThat(preview.blockers()).singleElement().asString().startsWith("The model drops data: drop table "
                    + "line_of_order.").contains("-Dmigrate.renames=line_of_order=order_line");
        }
    }
}
