package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Narrowing checked against the data on PostgreSQL (whose cast would cut silently) and MariaDB (which would
 * fail half-way): values that do not fit stop the run even with allowDestructive; truncate cuts them.
 */
class ServerNarrowingIT {
    @TempDir
    Path dir;

    /** The v1 database, with customer.name declared wider (varchar(200)) than the model's varchar(100). */
    private Project widened(DatabaseKind kind, Servers.Database db) throws Exception {
        Project project = new Project(dir);
        ServerScenarioIT.engine(project, db, "v1").auto();
        db.execute(kind == DatabaseKind.POSTGRESQL ? "alter table customer alter column name type varchar(200)"
                : "alter table customer modify name varchar(200) not null");
        return project;
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void valuesThatDoNotFitStopTheRunUnlessTruncateNamesTheColumn(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = widened(kind, db);
            db.execute("insert into customer (name, email) values ('" + "x".repeat(150) + "', 'a')",
                    "insert into customer (name, email) values ('Bob', 'b')",
                    "insert into customer (name, email) values ('" + "y".repeat(120) + "', 'c')");
            Map<String, String> before = db.tableDigests();
            List<Path> files = project.changeFiles();

            assertThatThrownBy(() -> ServerScenarioIT.engine(project, db, "v1", c -> c.allowDestructive(true)).auto())
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED);
                        assertThat(e.getMessage()).contains("Cannot narrow customer.name to varchar(100): 2 rows hold "
                                + "longer values, e.g. id=1 '" + "x".repeat(20) + "...', id=3 '" + "y".repeat(20) + "...'",
                                "-Dmigrate.truncate=customer.name");
                    });
            assertThat(ServerScenarioIT.engine(project, db, "v1", c -> c.allowDestructive(true)).preview().blockers())
                    .anyMatch(b -> b.contains("Cannot narrow customer.name"));
            assertThat(db.tableDigests()).isEqualTo(before);
            assertThat(project.changeFiles()).isEqualTo(files);

            AutoResult cut = ServerScenarioIT.engine(project, db, "v1",
                    c -> c.allowDestructive(true).truncate(List.of("customer.name"))).auto();
            assertThat(cut.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(cut.verified()).isTrue();
            assertThat(cut.changes()).extracting(PlannedChange::description)
                    .contains("cut customer.name to 100 characters (2 rows, truncate)");
            assertThat(db.queryValue("select count(*) from customer where char_length(name) = 100").toString()).isEqualTo("2");
            assertThat(db.queryValue("select count(*) from customer").toString()).isEqualTo("3");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void valuesThatFitAreNarrowedWithAllowDestructive(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = widened(kind, db);
            db.execute("insert into customer (name, email) values ('" + "x".repeat(100) + "', 'a')");

            AutoResult result = ServerScenarioIT.engine(project, db, "v1", c -> c.allowDestructive(true)).auto();
            assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(result.verified()).isTrue();
            assertThat(db.queryValue("select char_length(name) from customer").toString()).isEqualTo("100");
        }
    }
}
