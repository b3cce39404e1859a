package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.support.ChildAuto;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run killed (SIGKILL) in the middle of a changeset on a server: the next run on the machine finds its note,
 * restores the backup it took, records the interrupted run, and the database holds exactly its rows from
 * before. On MariaDB this is the only way back: the changeset's DDL committed at once, and with it the
 * UPDATE before it (MariaDB commits the open transaction before each DDL statement).
 */
class ServerCrashIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aRunKilledMidChangesetIsRestoredByTheNextRun(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            Map<String, String> before = killMidChangeset(kind, db, project);

            AutoResult next = ServerScenarioIT.engine(project, db, "v1").auto();
            assertThat(project.listener.warnings).anyMatch(w -> w.contains("was killed while applying changes")
                    && w.contains("restored from its backup"));
            assertThat(next.status()).isEqualTo(RunStatus.NO_CHANGES);
            Map<String, String> after = db.tableDigests();
            after.remove("automigrate_history");
            before.remove("automigrate_history");
            assertThat(after).isEqualTo(before);
            List<HistoryEntry> history = ServerScenarioIT.engine(project, db, "v1").history(0).entries();
            assertThat(history.get(0).status()).isEqualTo("FAILED");
            assertThat(history.get(0).description()).startsWith("Interrupted run");
        }
    }

    /** Migrates v1, adds rows, then kills a run in the middle of a slow hand-written changeset. */
    private static Map<String, String> killMidChangeset(DatabaseKind kind, Servers.Database db, Project project)
            throws Exception {
        ServerScenarioIT.engine(project, db, "v1").auto();
        db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')",
                "insert into customer (name, email, status) values ('Bob', 'bob@x', 'BLOCKED')");
        Map<String, String> before = db.tableDigests();
        Path master = project.changelogDir().resolve("db.changelog-master.yaml");
        String masterBefore = Files.readString(master);
        NewResult hand = ServerScenarioIT.engine(project, db, "v1", b -> b.message("Slow")).newChangeset();
        String sleep = kind == DatabaseKind.POSTGRESQL ? "select pg_sleep(6)" : "select sleep(6)";
        Files.writeString(hand.changelogFile(), """
                databaseChangeLog:
                  - changeSet:
                      id: %s
                      author: dev
                      changes:
                        - sql:
                            sql: create table half_done (id int primary key)
                        - sql:
                            sql: insert into half_done (id) values (1)
                        - sql:
                            sql: update customer set name = concat(name, '!')
                        - sql:
                            sql: drop table half_done
                        - sql:
                            sql: %s
                """.formatted(hand.changesetId(), sleep));

        String url = db.url() + "?user=" + db.username();
        try (ChildAuto child = ChildAuto.start(project, "v1", url)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!sleeping(db, sleep)) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    fail("The child run never reached the slow statement; it printed:\n" + child.output());
                }
                Thread.sleep(20);
            }
            child.kill();
        }
        // MariaDB committed the UPDATE with the DDL after it; PostgreSQL's transaction never committed
        assertThat(((Number) db.queryValue("select count(*) from customer where name like '%!'")).intValue())
                .isEqualTo(kind == DatabaseKind.MARIADB ? 2 : 0);
        // the developer drops the broken changeset; the next run puts the database back first
        Files.delete(hand.changelogFile());
        Files.writeString(master, masterBefore);
        return before;
    }

    @org.junit.jupiter.api.Test
    void withoutThisMachinesNoteOrTheBackupTheNextRunStopsUntilTheBackupIsRestored() throws Exception {
        try (Servers.Database db = Servers.mariadb()) {
            Project project = new Project(dir);
            Map<String, String> before = killMidChangeset(DatabaseKind.MARIADB, db, project);
            // a CI job on another machine: no build directory, no backups folder
            deleteTree(project.dir.resolve("target"));
            Path moved = Files.createTempDirectory("moved-backups");
            List<Path> backups = project.backups();
            Path backup = Files.move(backups.get(backups.size() - 1), moved.resolve(backups.get(backups.size() - 1).getFileName()));
            Map<String, String> halfDone = db.tableDigests();
            halfDone.remove("databasechangeloglock"); // the next run clears the Liquibase lock the killed run held

            assertThatThrownBy(() -> ServerScenarioIT.engine(project, db, "v1").auto())
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                        assertThat(e.getMessage()).contains("was killed while applying changes", "half-migrated",
                                "migrate:restore", "update automigrate_history set status = 'FAILED' where id = ");
                    });
            Map<String, String> stillHalfDone = db.tableDigests();
            stillHalfDone.remove("databasechangeloglock");
            assertThat(stillHalfDone).isEqualTo(halfDone);

            ServerScenarioIT.engine(project, db, "v1").restore(backup.toString());
            assertThat(ServerScenarioIT.engine(project, db, "v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
            Map<String, String> after = db.tableDigests();
            after.remove("automigrate_history");
            before.remove("automigrate_history");
            assertThat(after).isEqualTo(before);
            assertThat(ServerScenarioIT.engine(project, db, "v1").history(0).entries())
                    .extracting(HistoryEntry::status).doesNotContain(HistoryEntry.APPLYING);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void afterACleanBuildTheMarkInTheDatabaseStillRestoresTheBackup(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            Map<String, String> before = killMidChangeset(kind, db, project);
            deleteTree(project.dir.resolve("target")); // mvn clean: this machine's note is gone
            assertThat(ServerScenarioIT.engine(project, db, "v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
            assertThat(project.listener.warnings).anyMatch(w -> w.contains("was killed while applying changes")
                    && w.contains("restored from its backup"));
            Map<String, String> after = db.tableDigests();
            after.remove("automigrate_history");
            before.remove("automigrate_history");
            assertThat(after).isEqualTo(before);
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Whether a session is running the slow statement in the test's database (not in a shadow, where planning
     * replays the changelog first), i.e. the changeset's first statements ran there.
     */
    private static boolean sleeping(Servers.Database db, String sleep) throws Exception {
        String sql = db.kind() == DatabaseKind.POSTGRESQL
                ? "select count(*) from pg_stat_activity where query = '" + sleep + "' and datname = '" + db.name() + "'"
                : "select count(*) from information_schema.processlist where info = '" + sleep + "' and db = '"
                + db.name() + "'";
        return ((Number) db.queryValue(sql)).longValue() > 0;
    }
}
