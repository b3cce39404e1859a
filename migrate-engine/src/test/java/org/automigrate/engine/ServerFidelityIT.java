package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a new user meets on PostgreSQL and MariaDB with a database that already holds data: a column made
 * NOT NULL takes the model's default for its NULLs.
 */
class ServerFidelityIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aColumnMadeNotNullFillsItsNullsWithTheModelsDefault(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            ServerScenarioIT.engine(project, db, "member1").auto();
            db.execute("insert into member (name, phone) values ('Ada', '555-1')",
                    "insert into member (name, phone) values ('Bob', null)",
                    "insert into member (name) values ('Cy')");

            AutoResult result = ServerScenarioIT.engine(project, db, "member2").auto();
            assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(result.verified()).isTrue();
            assertThat(ServerScenarioIT.rows(db, "select id, name, phone from member order by id"))
                    .isEqualTo("1|Ada|555-1\n2|Bob|unknown\n3|Cy|unknown\n");
            assertThat(ServerScenarioIT.engine(project, db, "member2").preview().status()).isEqualTo(RunStatus.NO_CHANGES);
            ServerScenarioIT.engine(project, db, "member2").verify();
            db.execute("insert into member (name) values ('Dee')");
            assertThat(ServerScenarioIT.rows(db, "select phone from member where name = 'Dee'")).isEqualTo("unknown\n");
        }
    }
}
