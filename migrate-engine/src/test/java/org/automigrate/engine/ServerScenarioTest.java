package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.support.ServerValidate;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The scenarios of the SQLite suite, on real PostgreSQL and MariaDB servers, each in a database of its own. */
class ServerScenarioTest {
    @TempDir
    Path dir;

    static Servers.Database database(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRESQL ? Servers.postgres() : Servers.mariadb();
    }

    static Engine engine(Project project, Servers.Database db, String model) {
        return project.engine(model, b -> b.url(db.url()).credentials(db.username(), db.password()).backup(false));
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void createsThenIsANoOpThenEvolvesKeepingRows(DatabaseKind kind) throws Exception {
        try (Servers.Database db = database(kind)) {
            Project project = new Project(dir);
            AutoResult first = engine(project, db, "v1").auto();
            assertThat(first.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(first.verified()).isTrue();
            ServerValidate.validate(db, "v1");

            StatusResult status = engine(project, db, "v1").status();
            assertThat(status.differences()).isEmpty();
            assertThat(engine(project, db, "v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);

            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')",
                    "insert into customer (name, email, status) values ('Bob', 'bob@x', 'BLOCKED')");
            Map<String, String> before = db.tableDigests();
            AutoResult second = engine(project, db, "v2").auto();
            assertThat(second.status()).isEqualTo(RunStatus.APPLIED);
            ServerValidate.validate(db, "v2");
            assertThat(db.queryValue("select count(*) from customer")).asString().isEqualTo("2");
            assertThat(engine(project, db, "v2").preview().changes()).isEmpty();
            assertThat(before).isNotEmpty();
        }
    }
}
