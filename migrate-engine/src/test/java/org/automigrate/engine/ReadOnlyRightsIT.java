package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The goals that only read ({@code status}, {@code preview}, {@code verify}) work for a least-privilege user
 * that cannot create databases: on PostgreSQL with SELECT on the tables alone (the model is made in the
 * session's temporary schema), on MariaDB with SELECT on the database and the rights on
 * {@code automigrate\_shadow\_%} databases, as the README lists them. Without the shadow's right the run says
 * which grant is missing and changes nothing. The user is created by the test and dropped after it.
 */
class ReadOnlyRightsIT {
    private static final String PASSWORD = "Rd0nly-pw";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void readOnlyGoalsNeedNoRightToCreateDatabases(DatabaseKind kind) throws Exception {
        boolean pg = kind == DatabaseKind.POSTGRESQL;
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            ServerScenarioIT.engine(project, db, "v1").auto();
            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')");
            String user = "am_ro_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            String account = pg ? user : "'" + user + "'@'%'";
            db.execute(pg ? new String[] {"create role " + user + " login nocreatedb password '" + PASSWORD + "'",
                            "grant select on all tables in schema public to " + user}
                    : new String[] {"create user " + account + " identified by '" + PASSWORD + "'",
                            "grant select on `" + db.name() + "`.* to " + account});
            try {
                Map<String, String> before = db.tableDigests();
                if (!pg) {
                    assertThatThrownBy(() -> engine(project, db, user).preview())
                            .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.getMessage())
                                    .contains("Cannot create the shadow", "GRANT ALL ON `automigrate\\_shadow\\_%`.*",
                                            "Nothing was changed")
                                    .doesNotContain(PASSWORD));
                    db.execute("grant all on `automigrate\\_shadow\\_%`.* to " + account);
                } // PostgreSQL: the model is made in the session's temporary schema, which needs no grant
                StatusResult status = engine(project, db, user).status();
                assertThat(status.pending()).isEmpty();
                assertThat(status.differences()).isEmpty();
                assertThat(engine(project, db, user).preview().status()).isEqualTo(RunStatus.NO_CHANGES);
                engine(project, db, user).verify();
                assertThat(db.tableDigests()).isEqualTo(before);
                if (pg) {
                    assertThat(db.queryValue("select count(*) from pg_namespace where nspname like 'automigrate%'"))
                            .as("shadow schemas left in the database").isEqualTo(0L);
                }
            } finally {
                db.execute(pg ? new String[] {"drop owned by " + user, "drop role " + user}
                        : new String[] {"drop user " + account});
            }
        }
    }

    private static Engine engine(Project project, Servers.Database db, String user) {
        return project.engine("v1", b -> b.url(db.url()).credentials(user, PASSWORD)
                .backupDirectory(project.dir.resolve("backups")));
    }
}
