package org.automigrate.engine.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.automigrate.engine.ApplyResult;
import org.automigrate.engine.AutoResult;
import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.report.JsonResults;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.RecordingListener;
import org.automigrate.engine.support.TenantModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many SQLite files in one run, found by a glob: a fleet created and evolved v1 to v2 with rows in each (the
 * changeset generated once, applied everywhere), a tenant whose data violates v2 left exactly as it was while the
 * others migrate, the generating tenant failing over to the next, failFast, the read goals across the fleet, and
 * the summary and JSON of it all.
 */
class FleetTest {
    @TempDir
    static Path models;
    static TenantModel model;

    @TempDir
    Path project;
    final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void compileModel() {
        model = TenantModel.compile(models);
    }

    private EngineConfig config(int version, UnaryOperator<EngineConfig.Builder> more) {
        return more.apply(model.config(project, version).targets(List.of("jdbc:sqlite:tenants/*.db")).threads(2))
                .build();
    }

    private FleetResult run(FleetGoal goal, int version) {
        return run(goal, version, b -> b);
    }

    private FleetResult run(FleetGoal goal, int version, UnaryOperator<EngineConfig.Builder> more) {
        return new FleetRun(config(version, more), listener).run(goal);
    }

    /** Five empty tenant files t1..t5 taken to v1 by a fleet auto, each then given three accounts. */
    private void fleetAtV1() throws Exception {
        Files.createDirectories(project.resolve("tenants"));
        for (int i = 1; i <= 5; i++) {
            execute(tenant(i), "pragma user_version = 1"); // an empty database (a 0-byte file cannot be backed up)
        }
        FleetResult created = run(FleetGoal.auto(), 1);
        assertThat(created.status()).as(listener.all()).isEqualTo(RunStatus.APPLIED);
        assertThat(created.failed()).isZero();
        for (int i = 1; i <= 5; i++) {
            execute(tenant(i), TenantModel.rows("t" + i, 3));
        }
    }

    private Path tenant(int i) {
        return project.resolve("tenants/t" + i + ".db");
    }

    @Test
    void aGlobOfFilesIsCreatedAndEvolvedOnceGeneratedAndEverywhereApplied() throws Exception {
        fleetAtV1();
        assertThat(listener.steps).anyMatch(s -> s.startsWith("Fleet: auto on 5 databases (5 SQLite), 2 threads"));
        assertThat(changeFiles()).hasSize(1);
        Map<Integer, String> accounts = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            accounts.put(i, query(tenant(i), "select id, name, email from account order by id"));
        }
        listener.steps.clear();

        FleetResult evolved = run(FleetGoal.auto(), 2);

        assertThat(evolved.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(evolved.succeeded()).isEqualTo(5);
        assertThat(evolved.generatedOn()).isEqualTo("t1.db");
        assertThat(changeFiles()).hasSize(2).contains(evolved.changelogFile());
        assertThat(evolved.targets()).extracting(TargetOutcome::target)
                .containsExactly("t1.db", "t2.db", "t3.db", "t4.db", "t5.db");
        assertThat(evolved.targets()).extracting(TargetOutcome::goal)
                .containsExactly("auto", "apply", "apply", "apply", "apply");
        assertThat(evolved.targets()).allMatch(o -> o.status() == RunStatus.APPLIED && o.changesets() >= 1);
        assertThat(((AutoResult) evolved.targets().get(0).result()).verified()).isTrue();
        assertThat(((ApplyResult) evolved.targets().get(3).result()).verified()).isTrue();
        for (int i = 1; i <= 5; i++) {
            assertThat(query(tenant(i), "select id, name, email from account order by id")).isEqualTo(accounts.get(i));
            assertThat(query(tenant(i), "select count(*) from note")).isEqualTo("0\n");
            assertThat(query(tenant(i), "select count(*) from pragma_table_info('account') where name = 'phone'"))
                    .isEqualTo("1\n");
            // each tenant has its own history: the v1 run and the v2 run
            assertThat(query(tenant(i), "select status from automigrate_history order by id")).isEqualTo("SUCCESS\nSUCCESS\n");
            // and its own backups, next to it: before v1 and before v2
            String backup = "t" + i + ".db.backup_";
            try (var backups = Files.list(project.resolve("tenants/backups"))) {
                assertThat(backups.filter(p -> p.getFileName().toString().startsWith(backup)).count()).isEqualTo(2);
            }
        }
        // every line of a tenant's work names it; the model was loaded once
        assertThat(listener.steps).filteredOn(s -> s.startsWith("Discovered ")).hasSize(1);
        assertThat(listener.steps).filteredOn(s -> s.startsWith("[t4.db] ")).anyMatch(s -> s.startsWith("[t4.db] Applied "))
                .anyMatch(s -> s.equals("[t4.db] Verified: the database matches the model"));
        assertThat(listener.steps).contains("5/5 migrated, 0 failed");
        assertThat(listener.steps).anyMatch(s -> s.startsWith("Summary of auto on 5 databases (2 threads, ")
                && s.endsWith("5 migrated, 0 failed"));

        FleetResult again = run(FleetGoal.auto(), 2);
        assertThat(again.status()).isEqualTo(RunStatus.NO_CHANGES);
        assertThat(again.generatedOn()).isNull();
        assertThat(changeFiles()).hasSize(2);
        assertThat(run(FleetGoal.verify(), 2).status()).isEqualTo(RunStatus.REPORTED);
    }

    @Test
    void aTenantWhoseRowsViolateTheNewUniqueIsLeftAsItWasAndTheOthersMigrate() throws Exception {
        fleetAtV1();
        execute(tenant(3), "insert into account (name, email) values ('copy', 't3.0@example.com')");
        String before = checksumWithoutHistory(tenant(3));
        listener.steps.clear();

        FleetResult result = run(FleetGoal.auto(), 2);

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.failedTargets()).containsExactly("t3.db");
        assertThat(result.succeeded()).isEqualTo(4);
        TargetOutcome failed = result.targets().get(2);
        assertThat(failed.goal()).isEqualTo("apply");
        assertThat(failed.errorCode()).isNotNull();
        assertThat(failed.error()).contains("rolled back");
        // the failed run is recorded in its own history; the schema and rows are as before
        assertThat(checksumWithoutHistory(tenant(3))).isEqualTo(before);
        assertThat(query(tenant(3), "select status from automigrate_history order by id")).isEqualTo("SUCCESS\nFAILED\n");
        for (int i : new int[] {1, 2, 4, 5}) {
            assertThat(query(tenant(i), "select count(*) from note")).isEqualTo("0\n");
        }
        assertThat(listener.warnings).anyMatch(w -> w.startsWith("[t3.db] FAILED: "));
        List<String> summary = FleetSummary.lines(result);
        assertThat(summary.get(0)).endsWith("4 migrated, 1 failed");
        assertThat(summary).anyMatch(l -> l.matches("\\s+t3\\.db\\s+FAILED\\s+0\\s+\\S+ m?s\\s+\\S.*"));
        assertThat(summary).anyMatch(l -> l.startsWith("Failed: t3.db."));

        // fixed, the next run brings it along with nothing generated
        execute(tenant(3), "delete from account where name = 'copy'");
        FleetResult fixed = run(FleetGoal.auto(), 2);
        assertThat(fixed.failed()).isZero();
        assertThat(fixed.targets().get(2).status()).isEqualTo(RunStatus.APPLIED);
        assertThat(changeFiles()).hasSize(2);
    }

    @Test
    void whenTheFirstTenantFailsTheNextGeneratesTheChangeset() throws Exception {
        fleetAtV1();
        execute(tenant(1), "insert into account (name, email) values ('copy', 't1.0@example.com')");
        String before = checksumWithoutHistory(tenant(1));

        FleetResult result = run(FleetGoal.auto(), 2);

        assertThat(result.failedTargets()).as(listener.all()).containsExactly("t1.db");
        assertThat(result.generatedOn()).isEqualTo("t2.db");
        assertThat(result.targets()).extracting(TargetOutcome::goal)
                .containsExactly("auto", "auto", "apply", "apply", "apply");
        assertThat(checksumWithoutHistory(tenant(1))).isEqualTo(before);
        assertThat(changeFiles()).hasSize(2);
    }

    @Test
    void aTenantBehindTheOthersGetsEveryChangesetItLacks() throws Exception {
        fleetAtV1();
        execute(project.resolve("tenants/t6.db"), "pragma user_version = 1"); // a new tenant, nothing applied yet

        FleetResult result = run(FleetGoal.auto(), 2);

        assertThat(result.failed()).isZero();
        assertThat(result.generatedOn()).isEqualTo("t1.db");
        TargetOutcome behind = result.targets().get(5);
        assertThat(behind.target()).isEqualTo("t6.db");
        ApplyResult applied = (ApplyResult) behind.result();
        assertThat(applied.applied()).anyMatch(c -> c.contains("0001_create_table_account"))
                .anyMatch(c -> c.contains("0002_"));
        assertThat(behind.changesets()).isEqualTo(result.targets().get(1).changesets() + 1);
        assertThat(query(project.resolve("tenants/t6.db"), "select count(*) from note")).isEqualTo("0\n");
        assertThat(applied.verified()).isTrue();
    }

    @Test
    void failFastStartsNoTenantAfterTheFirstFailure() throws Exception {
        fleetAtV1();
        execute(tenant(2), "insert into account (name, email) values ('copy', 't2.0@example.com')");
        Map<Integer, String> before = new LinkedHashMap<>();
        for (int i = 3; i <= 5; i++) {
            before.put(i, DbChecksum.of(tenant(i)));
        }

        FleetResult result = run(FleetGoal.auto(), 2, b -> b.failFast(true).threads(1));

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.targets()).extracting(TargetOutcome::status).containsExactly(RunStatus.APPLIED,
                RunStatus.FAILED, RunStatus.SKIPPED, RunStatus.SKIPPED, RunStatus.SKIPPED);
        assertThat(result.notStarted()).isEqualTo(3);
        for (int i = 3; i <= 5; i++) {
            assertThat(DbChecksum.of(tenant(i))).isEqualTo(before.get(i));
        }
        assertThat(FleetSummary.lines(result)).anyMatch(l -> l.startsWith("Not started (failFast): 3 databases"));
        assertThat(FleetSummary.lines(result).get(0)).endsWith("1 migrated, 1 failed, 3 not started");
    }

    @Test
    void verifyAcrossTheFleetIsTheDriftReportAndTheReadGoalsReadEveryTenant() throws Exception {
        fleetAtV1();
        execute(tenant(4), "alter table account add column legacy varchar(10)");
        listener.steps.clear();

        FleetResult verified = run(FleetGoal.verify(), 1);
        assertThat(verified.status()).isEqualTo(RunStatus.FAILED);
        assertThat(verified.failedTargets()).containsExactly("t4.db");
        assertThat(verified.targets().get(3).errorCode()).isEqualTo(ErrorCode.DRIFT);
        assertThat(verified.targets().get(3).error()).contains("legacy");
        assertThat(FleetSummary.lines(verified).get(0)).endsWith("4 verified, 1 failed");

        FleetResult status = run(FleetGoal.status(), 2);
        assertThat(status.failed()).isZero();
        assertThat(status.status()).isEqualTo(RunStatus.DRY_RUN);
        assertThat(status.targets()).extracting(TargetOutcome::status).containsExactly(RunStatus.DRY_RUN,
                RunStatus.DRY_RUN, RunStatus.DRY_RUN, RunStatus.DRY_RUN, RunStatus.DRY_RUN);
        assertThat(listener.steps).anyMatch(s -> s.startsWith("[t5.db] Changesets: 1 applied, 0 pending"));

        FleetResult preview = run(FleetGoal.preview(), 1);
        assertThat(preview.status()).isEqualTo(RunStatus.DRY_RUN);
        assertThat(preview.targets()).extracting(TargetOutcome::status).containsExactly(RunStatus.NO_CHANGES,
                RunStatus.NO_CHANGES, RunStatus.NO_CHANGES, RunStatus.DRY_RUN, RunStatus.NO_CHANGES);
        assertThat(listener.steps).anyMatch(s -> s.startsWith("[t4.db] ") && s.contains("drop column account.legacy"));
        assertThat(changeFiles()).hasSize(1);

        FleetResult history = run(FleetGoal.history(0), 2);
        assertThat(history.status()).isEqualTo(RunStatus.REPORTED);
        assertThat(history.targets()).allMatch(o -> o.status() == RunStatus.REPORTED);
    }

    @Test
    void theJsonResultListsEveryTenantWithItsStatusTimeAndError() throws Exception {
        fleetAtV1();
        execute(tenant(5), "insert into account (name, email) values ('copy', 't5.0@example.com')");
        FleetResult result = run(FleetGoal.auto(), 2);

        String json = JsonResults.outcome("auto", result.status(), ErrorCode.APPLY_FAILED, "1 of 5 failed",
                Instant.now(), result.elapsed(), result, UnaryOperator.identity());

        assertThat(json).contains("\"goal\": \"auto\"", "\"status\": \"failed\"", "\"errorCode\": \"apply_failed\"",
                "\"generatedOn\": \"t1.db\"", "\"failed\": 1", "\"succeeded\": 4", "\"target\": \"t5.db\"",
                "\"elapsedMs\": ");
        assertThat(json.split("\"target\": ", -1)).hasSize(6);
    }

    private List<Path> changeFiles() throws Exception {
        Path changes = project.resolve("src/main/resources/db/changelog/changes");
        try (var files = Files.list(changes)) {
            return files.sorted().toList();
        }
    }

    /** Schema and rows of every table but the history, where a failed run adds its row. */
    private static String checksumWithoutHistory(Path db) throws Exception {
        return DbChecksum.of(db, "automigrate_history");
    }

    static void execute(Path db, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            for (String statement : sql) {
                st.execute(statement);
            }
        }
    }

    static String query(Path db, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.append(String.join("|", row)).append('\n');
            }
        }
        return out.toString();
    }
}
