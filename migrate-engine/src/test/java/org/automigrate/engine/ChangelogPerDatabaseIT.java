package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changelog written for SQLite is not applied to PostgreSQL: the run stops before anything is touched, names
 * both databases and the fix (a changelogDirectory per database), and with that fix the same project migrates
 * PostgreSQL from a changelog of its own.
 */
class ChangelogPerDatabaseIT {
    @TempDir
    Path dir;

    @Test
    void aSqliteChangelogStopsAPostgresqlRunUntilItHasItsOwn() throws Exception {
        Project project = new Project(dir);
        assertThat(project.engine("v1").auto().status()).isEqualTo(RunStatus.APPLIED);
        List<Path> sqliteFiles = project.changeFiles();
        assertThat(Files.readString(sqliteFiles.get(0))).contains("      dbms: sqlite\n");
        String sqliteChangelog = Files.readString(sqliteFiles.get(0));

        try (Servers.Database db = Servers.postgres()) {
            Engine onPostgres = ServerScenarioIT.engine(project, db, "v1");
            for (Runnable goal : List.<Runnable>of(onPostgres::auto, () -> onPostgres.apply(null), onPostgres::status)) {
                assertThatThrownBy(goal::run).isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage())
                            .startsWith("The changelog src/main/resources/db/changelog was written for SQLite (changes/"
                                    + sqliteFiles.get(0).getFileName() + "), but this database is PostgreSQL (jdbc:postgresql://")
                            .contains("set <changelogDirectory> or -Dmigrate.changelogDirectory for this database, "
                                    + "e.g. src/main/resources/db/changelog-postgresql")
                            .endsWith("Nothing was changed.");
                });
            }
            // nothing touched: no table (no lock, no history, no DATABASECHANGELOG), no backup, no new changeset
            assertThat(db.tableDigests()).isEmpty();
            assertThat(dir.resolve("backups")).doesNotExist();
            assertThat(project.changeFiles()).isEqualTo(sqliteFiles);
            assertThat(Files.readString(sqliteFiles.get(0))).isEqualTo(sqliteChangelog);

            // the fix: a changelog of its own
            Path own = project.changelogDir().resolveSibling("changelog-postgresql");
            Engine fixed = ServerScenarioIT.engine(project, db, "v1", b -> b.changelogDirectory(own));
            AutoResult result = fixed.auto();
            assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(result.verified()).isTrue();
            try (var files = Files.list(own.resolve("changes"))) {
                assertThat(Files.readString(files.findFirst().orElseThrow())).contains("      dbms: postgresql\n");
            }
        }
        // and SQLite keeps working from its own
        assertThat(project.engine("v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
    }
}
