package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.support.ChildAuto;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code restore} on PostgreSQL and MariaDB: a dump is checked before anything is touched, the live history table
 * survives and records the restore, the changesets applied since are pending again, and a restore killed half-way
 * is left as it was (PostgreSQL: one transaction) or finished by the next run (MariaDB, whose DDL commits at once).
 */
class ServerRestoreIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aFileThatIsNotACompleteDumpIsRefusedBeforeAnythingIsTouched(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            ServerScenarioIT.engine(project, db, "v1").auto();
            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')");
            Path good = ServerScenarioIT.engine(project, db, "v1").backup().backupFile();
            Path junk = Files.writeString(good.resolveSibling(db.name() + ".backup_20250101_000000.sql"), "junk\n");
            String dump = Files.readString(good);
            Path cut = Files.writeString(dir.resolve("cut.sql"), dump.substring(0, dump.length() / 2));
            Path otherKind = Files.writeString(dir.resolve("other.sql"), kind == DatabaseKind.POSTGRESQL
                    ? "-- MariaDB dump 10.19\n\nCREATE TABLE t (id int);\n-- Dump completed on 2026-12-01\n"
                    : "--\n-- PostgreSQL database dump\n--\nCREATE TABLE t (id int);\n-- PostgreSQL database dump complete\n");
            Map<String, String> before = db.tableDigests();
            List<Path> backups = project.backups();

            for (Path file : List.of(junk, cut, otherKind)) {
                assertThatThrownBy(() -> ServerScenarioIT.engine(project, db, "v1").restore(file.toString()))
                        .isInstanceOfSatisfying(MigrateException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT);
                            assertThat(e.getMessage()).contains(file.toString(), "is not a complete",
                                    "Nothing was changed");
                        });
                assertThat(db.tableDigests()).as("the database, its history included").isEqualTo(before);
                assertThat(project.backups()).as("no safety backup either").isEqualTo(backups);
            }
            assertThatThrownBy(() -> ServerScenarioIT.engine(project, db, "v1").restore(cut.toString()))
                    .hasMessageContaining("cut short");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aRestoreKeepsEveryRunInTheHistoryAndListsWhatIsPendingAgain(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            ServerScenarioIT.engine(project, db, "v1").auto();
            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')");
            String customers = ServerScenarioIT.rows(db, "select id, name, email, status from customer order by id");
            Path before = ServerScenarioIT.engine(project, db, "v1").backup().backupFile();
            ServerScenarioIT.engine(project, db, "v2").auto();

            RestoreResult result = ServerScenarioIT.engine(project, db, "v2").restore(before.toString());

            assertThat(result.pendingAgain()).extracting(PendingChangeset::id).isNotEmpty() // one per statement on MariaDB
                    .allSatisfy(id -> assertThat(id).startsWith("0002_"));
            List<HistoryEntry> history = ServerScenarioIT.engine(project, db, "v2").history(0).entries();
            assertThat(history).extracting(HistoryEntry::goal).containsExactly("restore", "auto", "auto");
            assertThat(history).extracting(HistoryEntry::status).containsOnly(HistoryEntry.SUCCESS);
            assertThat(history.get(0).backupFile()).isEqualTo(result.safetyBackup().toString());
            assertThat(ServerScenarioIT.rows(db, "select id, name, email, status from customer order by id"))
                    .isEqualTo(customers);
            assertThat(db.tableDigests()).doesNotContainKeys("region", "automigrate_history__from_backup");
            for (Path file : project.backups()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(before.getParent())))
                    .isEqualTo("rwx------");

            assertThat(ServerScenarioIT.engine(project, db, "v2").apply(null).applied()).hasSameSizeAs(result.pendingAgain())
                    .allSatisfy(key -> assertThat(key).contains("0002_"));
            assertThat(ServerScenarioIT.engine(project, db, "v2").verify().tables()).isPositive();
        }
    }

    @Test
    void aPostgresRestoreKilledHalfWayLeavesTheDatabaseAsItWas() throws Exception {
        try (Servers.Database db = Servers.postgres()) {
            Project project = new Project(dir);
            Path backup = bigDatabaseAndItsBackup(db, project);
            db.execute("delete from customer where id % 2 = 0");
            Map<String, String> changed = withoutHistory(db);

            killRestoreWhileLoading(db, project, backup, "select count(*) from pg_stat_activity where datname = '"
                    + db.name() + "' and query like 'COPY %customer%FROM stdin%'"); // the load, not the safety backup's dump
            waitUntil(db, "select count(*) from pg_stat_activity where datname = '" + db.name()
                    + "' and application_name = 'psql'");

            assertThat(withoutHistory(db)).isEqualTo(changed);
            assertThat(ServerScenarioIT.engine(project, db, "v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
            assertThat(project.listener.warnings).anySatisfy(w -> assertThat(w).contains("(restore, started",
                    "a restore is done in one step, so the database is as it was before it"));
            assertThat(ServerScenarioIT.engine(project, db, "v1").history(1).entries()).singleElement()
                    .extracting(HistoryEntry::status).isEqualTo(HistoryEntry.INTERRUPTED);
            assertThat(withoutHistory(db)).isEqualTo(changed);
        }
    }

    @Test
    void aMariadbRestoreKilledHalfWayIsFinishedByTheNextRunOrStopsItWithoutTheFile() throws Exception {
        try (Servers.Database db = Servers.mariadb()) {
            Project project = new Project(dir);
            Path backup = bigDatabaseAndItsBackup(db, project);
            Map<String, String> backedUp = withoutHistory(db);
            db.execute("delete from customer where id % 2 = 0");

            killRestoreWhileLoading(db, project, backup, "select count(*) from information_schema.processlist "
                    + "where db = '" + db.name() + "' and info like 'INSERT INTO `customer`%'");
            waitUntil(db, "select count(*) from information_schema.processlist where db = '" + db.name()
                    + "' and info like 'INSERT INTO%'");
            assertThat(withoutHistory(db)).as("partly restored").isNotEqualTo(backedUp);

            // another machine, without the backup: every run but a restore stops, and says how to finish it
            Path away = Files.createTempDirectory("elsewhere").resolve(backup.getFileName());
            Files.move(backup, away);
            Map<String, String> partly = db.tableDigests();
            assertThatThrownBy(() -> ServerScenarioIT.engine(project, db, "v1").auto())
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                        assertThat(e.getMessage()).contains("was restoring", "partly restored", backup.toString(),
                                "mvn migrate:restore -Dmigrate.backupFile=", "Nothing was changed");
                    });
            assertThat(db.tableDigests()).isEqualTo(partly);

            // where the backup is, the next run finishes the restore the user started
            Files.move(away, backup);
            assertThat(ServerScenarioIT.engine(project, db, "v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
            assertThat(project.listener.warnings).anySatisfy(w -> assertThat(w).contains("(restore, started",
                    "the restore from " + backup + " was finished now"));
            assertThat(withoutHistory(db)).isEqualTo(backedUp);
            HistoryEntry restore = ServerScenarioIT.engine(project, db, "v1").history(1).entries().get(0);
            assertThat(restore.goal()).isEqualTo("restore");
            assertThat(restore.status()).isEqualTo(HistoryEntry.INTERRUPTED);
            assertThat(restore.error()).contains("was finished now");
        }
    }

    /** v1 with 200,000 customers (a dump that takes seconds to load), and its backup. */
    private static Path bigDatabaseAndItsBackup(Servers.Database db, Project project) throws Exception {
        ServerScenarioIT.engine(project, db, "v1").auto();
        String series = db.kind() == DatabaseKind.POSTGRESQL
                ? "select 'n' || g, 'e' || g || '@x', repeat(md5(g::text), 4) from generate_series(1, 200000) g"
                : "select concat('n', seq), concat('e', seq, '@x'), repeat(md5(seq), 4) from seq_1_to_200000";
        db.execute("insert into customer (name, email, street) " + series);
        return ServerScenarioIT.engine(project, db, "v1").backup().backupFile();
    }

    /** Starts {@code restore} in a child JVM and SIGKILLs it once {@code loading} counts a statement of the load. */
    private static void killRestoreWhileLoading(Servers.Database db, Project project, Path backup, String loading)
            throws Exception {
        try (ChildAuto child = ChildAuto.startRestore(project, db.url() + "?user=" + db.username(), backup)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (((Number) db.queryValue(loading)).longValue() == 0) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    fail("The child never started loading the dump; it printed:\n" + child.output());
                }
                Thread.sleep(10);
            }
            child.kill();
            assertThat(child.output()).doesNotContain("RESULT");
        }
    }

    /** Waits until the sessions the query counts have ended (the dump tool stops once its input has ended). */
    private static void waitUntil(Servers.Database db, String sessions) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (((Number) db.queryValue(sessions)).longValue() > 0) {
            if (System.nanoTime() > deadline) {
                fail("The killed restore's tool never stopped: " + sessions);
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, String> withoutHistory(Servers.Database db) throws Exception {
        Map<String, String> digests = db.tableDigests();
        digests.remove("automigrate_history");
        return digests;
    }
}
