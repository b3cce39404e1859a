package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.support.ChildAuto;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.support.ProjectSnapshot;
import org.automigrate.engine.support.ReadOnlyFile;
import org.automigrate.engine.support.RowDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults from outside the engine: a run killed while it applies, two runs at once, input that cannot
 * work, passwords. Each test compares the data before and after, never only "no exception".
 */
class FaultsIT {
    private static final String HISTORY = "automigrate_history";
    private static final String CUSTOMERS_V1 = "select id, name, email, street, city, status from customer order by id";
    /** Everything but customer (rebuilt), the history and Liquibase's own tables: schema and rows. */
    private static final String OTHER_SCHEMA = "select type, name, tbl_name, sql from sqlite_master where tbl_name in "
            + "('product', 'purchase_order', 'order_line') order by type, name";
    private static final String SECRET = "S3cretPw";
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- a run killed while applying

    /** The rows the application writes between two runs: customers and orders that exist in no backup. */
    private static final String MARKERS = "select c.id, c.name, c.email, count(o.id) from customer c "
            + "left join purchase_order o on o.customer_id = c.id where c.email like 'marker%' group by c.id order by c.id";
    private static final String SEEDED_CUSTOMERS = "select id, name, email, street, city, status from customer "
            + "where email not like 'marker%' order by id";

    @Test
    void aRunKilledWhileApplyingLeavesTheDatabaseAsBeforeAndTheNextRunKeepsTheApplicationsRows() throws Exception {
        Killed killed = killWhileApplying("kill");
        Project project = killed.project();
        assertThatTheKilledRunLeftNothing(killed);
        RowDigest markers = writeMarkers(project, "marker-a", 1_000);

        AutoResult result = project.engine("v4").auto();

        assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(project.listener.warnings).anySatisfy(w -> assertThat(w).contains("run #2 (auto",
                "was killed before it recorded its outcome", "SQLite rolled its transaction back",
                "nothing of it remains", "INTERRUPTED").doesNotContain("restored"));
        assertThat(result.pendingApplied()).extracting(c -> c.id()).containsExactly("seed-product", killed.changeset());
        assertThatEveryRowIsThere(killed, markers);
        assertThatTheSchemaIsTheModels(project);

        List<HistoryEntry> history = project.engine("v4").history(0).entries();
        assertThat(history).extracting(HistoryEntry::status)
                .containsExactly(HistoryEntry.SUCCESS, HistoryEntry.INTERRUPTED, HistoryEntry.SUCCESS);
        HistoryEntry interrupted = history.get(1);
        assertThat(interrupted.changesets()).isEmpty();
        assertThat(interrupted.error()).contains("nothing of it remains");
        assertThat(interrupted.backupFile()).isEqualTo(killed.backup());
        assertThat(history.get(0).changesets()).hasSize(2);
        // the killed run's backup is kept for the person; nothing restored it
        assertThat(Path.of(killed.backup())).exists();
        assertThat(project.engine("v4").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
    }

    @Test
    void twoRunsKilledInARowAreBothRecordedAndTheThirdKeepsEveryRow() throws Exception {
        Killed killed = killWhileApplying("twice");
        Project project = killed.project();
        RowDigest first = writeMarkers(project, "marker-a", 500);
        assertThat(killAgainWhileApplying(project)).as("the second run was killed while applying").isTrue();
        RowDigest both = writeMarkers(project, "marker-b", 500);
        assertThat(RowDigest.of(project.db, MARKERS.replace("'marker%'", "'marker-a%'"))).isEqualTo(first);

        assertThat(project.engine("v4").auto().status()).isEqualTo(RunStatus.APPLIED);

        assertThatEveryRowIsThere(killed, both);
        assertThatTheSchemaIsTheModels(project);
        assertThat(project.engine("v4").history(0).entries()).extracting(HistoryEntry::status).containsExactly(
                HistoryEntry.SUCCESS, HistoryEntry.INTERRUPTED, HistoryEntry.INTERRUPTED, HistoryEntry.SUCCESS);
    }

    @Test
    void aRunKilledAfterItCommittedIsRecordedAsAppliedAndNothingRunsTwice() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        fill(project, 2_000);
        try (ChildAuto child = ChildAuto.start(project, "v2", "jdbc:sqlite:" + project.db)) {
            long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
            while (!child.printed(l -> l.startsWith("Recorded run #")) && child.isAlive()) {
                if (System.nanoTime() > deadline) {
                    fail("The child run never committed; it printed:\n" + child.output());
                }
                Thread.sleep(1);
            }
            child.kill(); // after the commit: at most the no-op fingerprint is left unwritten
            assertThat(child.output()).contains("Recorded run #2");
        }
        // the application writes rows in the new schema
        project.execute("insert into customer (name, email, phone, loyaltyPoints) values ('New', 'marker-new', '555', 7)");
        RowDigest customers = RowDigest.of(project.db, "select * from customer order by id");

        assertThat(project.engine("v2").auto().status()).isEqualTo(RunStatus.NO_CHANGES);

        assertThat(project.listener.warnings).noneMatch(w -> w.contains("killed"));
        assertThat(RowDigest.of(project.db, "select * from customer order by id")).isEqualTo(customers);
        assertThat(project.engine("v2").history(0).entries()).extracting(HistoryEntry::status)
                .containsExactly(HistoryEntry.SUCCESS, HistoryEntry.SUCCESS);
        assertThat(project.query("select ID, count(*) from DATABASECHANGELOG group by ID"))
                .hasSize(2).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(1));
    }

    @Test
    void afterAKillPreviewAndStatusStillWorkAndTheNextAutoRecordsIt() throws Exception {
        Killed killed = killWhileApplying("kill-then-read");
        Project project = killed.project();
        String file = DbChecksum.ofFile(project.db);

        PreviewResult preview = project.engine("v4").preview();
        assertThat(preview.status()).isEqualTo(RunStatus.DRY_RUN);
        StatusResult status = project.engine("v4").status();
        assertThat(status.databaseExists()).isTrue();
        assertThat(status.lastRun().status()).isEqualTo(HistoryEntry.APPLYING);
        // read-only goals read a rolled-back copy and leave the file (and its journal) alone
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(file);

        AutoResult result = project.engine("v4").auto();
        assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(project.listener.warnings).anySatisfy(w -> assertThat(w).contains("killed before it recorded"));
        assertThatEveryRowIsThere(killed, RowDigest.of(project.db, MARKERS));
        assertThat(project.engine("v4").history(0).entries()).extracting(HistoryEntry::status)
                .containsExactly(HistoryEntry.SUCCESS, HistoryEntry.INTERRUPTED, HistoryEntry.SUCCESS);
        assertThat(project.engine("v4").status().upToDate()).isTrue();
    }

    /** The killed run's project, its generated changeset and backup, and the data before it. */
    private record Killed(Project project, long pid, String changeset, String backup, int rows, RowDigest customers,
                          Map<String, RowDigest> others, long orders) {
    }

    /** What the killed run was doing is gone: its teammate's changeset, its rebuild, its history row's outcome. */
    private static void assertThatTheKilledRunLeftNothing(Killed killed) throws Exception {
        Project project = killed.project();
        assertThat(RowDigest.of(project.db, SEEDED_CUSTOMERS)).isEqualTo(killed.customers());
        assertThat(otherTables(project)).isEqualTo(killed.others());
        assertThat(project.query("select count(*) from product where sku = 'SEED'")).containsExactly(List.of(0));
        assertThat(project.query("select ID from DATABASECHANGELOG")).hasSize(1);
        assertThat(project.query("select status from " + HISTORY + " order by id"))
                .containsExactly(List.of(HistoryEntry.SUCCESS), List.of(HistoryEntry.APPLYING));
    }

    private static void assertThatEveryRowIsThere(Killed killed, RowDigest markers) throws Exception {
        Project project = killed.project();
        assertThat(RowDigest.of(project.db, SEEDED_CUSTOMERS)).isEqualTo(killed.customers());
        assertThat(RowDigest.of(project.db, MARKERS)).isEqualTo(markers);
        assertThat(project.count("customer")).isEqualTo(killed.rows() + markers.rows());
        assertThat(project.query("select count(*) from purchase_order where customer_id not in "
                + "(select id from customer where email like 'marker%')")).containsExactly(List.of((int) killed.orders()));
        assertThat(project.query("select count(*) from product where sku = 'SEED'")).containsExactly(List.of(1));
        assertThat(project.query("pragma integrity_check")).containsExactly(List.of("ok"));
        assertThat(project.query("pragma foreign_key_check")).isEmpty();
        assertThat(project.query("select count(*) from DATABASECHANGELOGLOCK where LOCKED <> 0"))
                .containsExactly(List.of(0));
        assertThat(project.query("select ID, FILENAME, count(*) from DATABASECHANGELOG group by ID, FILENAME"))
                .hasSize(3).allSatisfy(row -> assertThat(row.get(2)).isEqualTo(1));
    }

    private static void assertThatTheSchemaIsTheModels(Project project) throws Exception {
        assertThat(project.query("select count(*) from pragma_index_list('customer') where \"unique\" = 1"))
                .as("unique email and, now, unique name").containsExactly(List.of(2));
        assertThat(project.query("select name from sqlite_master where name like '%automigrate_new%'")).isEmpty();
        assertThat(project.engine("v4").verify().tables()).isPositive();
    }

    /** The application at work: new customers, each with {@code orders / customers} orders, in v1's columns. */
    private static RowDigest writeMarkers(Project project, String prefix, int orders) throws Exception {
        try (var c = project.connect(); var st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("insert into customer (name, email, status) values ('" + prefix + "', '" + prefix
                    + "@app', 'ACTIVE')");
            st.execute("insert into purchase_order (customer_id, paid) select (select max(id) from customer), x % 2 "
                    + "from (with recursive c(x) as (select 1 union all select x + 1 from c where x < " + orders
                    + ") select x from c)");
            c.commit();
        }
        return RowDigest.of(project.db, MARKERS);
    }

    /**
     * Runs v1 -> v4 in a child JVM: a teammate's pending changeset, then a rebuild of customer, on a table with
     * enough rows that applying takes a while, and SIGKILLs it while it applies. More rows when the run was done
     * before the kill.
     */
    private Killed killWhileApplying(String name) throws Exception {
        List<String> tries = new ArrayList<>();
        int rows = 200_000;
        for (int attempt = 1; attempt <= 3; attempt++, rows *= 2) {
            Project project = new Project(Files.createDirectories(dir.resolve(name + "-" + attempt)));
            project.engine("v1").auto();
            fill(project, rows);
            project.addChangeset("0002_seed_product.yaml", "seed-product", "insert into product (sku) values ('SEED')");
            RowDigest customers = RowDigest.of(project.db, SEEDED_CUSTOMERS);
            Map<String, RowDigest> others = otherTables(project);
            long orders = project.count("purchase_order");
            String outcome = killChildWhileApplying(project);
            if (outcome == null) {
                List<Path> backups = project.backups();
                String changeset = project.changeFiles().get(2).getFileName().toString().replace(".yaml", "");
                return new Killed(project, 0, changeset, backups.get(backups.size() - 1).toString(), rows, customers,
                        others, orders);
            }
            tries.add(rows + " rows: " + outcome);
        }
        throw new AssertionError("Could not kill a run while it was applying (it was always done first):\n"
                + String.join("\n", tries));
    }

    private boolean killAgainWhileApplying(Project project) throws Exception {
        return killChildWhileApplying(project) == null;
    }

    /**
     * Starts {@code auto} of v4 in a child JVM and SIGKILLs it inside the rebuild of customer (its changeset
     * {@code 0003_}). Returns null when it was killed there with its transaction open (a hot journal), else what
     * happened instead.
     */
    private static String killChildWhileApplying(Project project) throws Exception {
        try (ChildAuto child = ChildAuto.start(project, "v4", "jdbc:sqlite:" + project.db)) {
            long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
            while (!child.printed(l -> l.startsWith("Applying ") && l.contains("0003_"))) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    child.close();
                    fail("The child run never started applying the rebuild; it printed:\n" + child.output());
                }
                Thread.sleep(5);
            }
            Thread.sleep(200); // into the rebuild itself, past Liquibase's bookkeeping
            boolean aliveAtKill = child.isAlive();
            child.kill();
            Path journal = project.db.resolveSibling(project.db.getFileName() + "-journal");
            boolean hotJournal = Files.exists(journal) && Files.size(journal) > 0;
            if (aliveAtKill && hotJournal && !child.printed(l -> l.startsWith("Recorded run"))) {
                return null;
            }
            return "alive at the kill " + aliveAtKill + ", hot journal " + hotJournal + ", output:\n" + child.output();
        }
    }

    private static void fill(Project project, int rows) throws Exception {
        try (var c = project.connect(); var st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("insert into customer (name, email, street, city, status) "
                    + "select 'n' || x, 'e' || x || '@x', case when x % 7 = 0 then null else 'street ' || x end, "
                    + "'city ' || (x % 97), case x % 3 when 0 then 'ACTIVE' when 1 then 'BLOCKED' else null end "
                    + "from (with recursive c(x) as (select 1 union all select x + 1 from c where x < " + rows + ") "
                    + "select x from c)");
            st.execute("insert into product (sku, price) values ('A-1', 9.5), ('B-2', 12.25), ('C-3', null)");
            st.execute("insert into purchase_order (customer_id, paid) "
                    + "select x * 97, x % 2 from (with recursive c(x) as (select 1 union all select x + 1 from c "
                    + "where x < 1000) select x from c)");
            st.execute("insert into order_line (order_id, product_id, quantity) "
                    + "select o.id, p.id, o.id % 5 + 1 from purchase_order o join product p on p.id <= 2");
            c.commit();
        }
    }

    private static Map<String, RowDigest> otherTables(Project project) throws Exception {
        Map<String, RowDigest> digests = new LinkedHashMap<>();
        digests.put("schema", RowDigest.of(project.db, OTHER_SCHEMA));
        for (String table : List.of("product", "purchase_order", "order_line")) {
            digests.put(table, RowDigest.of(project.db, "select * from " + table + " order by id"));
        }
        return digests;
    }

    // ---------------------------------------------------------------- restores and backups that fail

    @Test
    void aRestoreKilledHalfWayLeavesTheDatabaseAsItWasAndIsRecorded() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        try (var c = project.connect(); var st = c.createStatement()) {
            st.execute("insert into customer (name, email, street) select 'n' || x, 'e' || x, hex(randomblob(600)) "
                    + "from (with recursive c(x) as (select 1 union all select x + 1 from c where x < 150000) "
                    + "select x from c)");
        }
        Path backup = project.engine("v1").backup().backupFile();
        project.execute("delete from customer where id % 2 = 0",
                "insert into customer (name, email) values ('after the backup', 'marker@app')");
        String data = DbChecksum.of(project.db, HISTORY);
        Path journal = project.db.resolveSibling(project.db.getFileName() + "-journal");

        try (ChildAuto child = ChildAuto.startRestore(project, "jdbc:sqlite:" + project.db, backup)) {
            long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
            // the restore writes into the database once its safety backup, its mark in the history and its scratch
            // copy are done: a journal next to the database while the scratch copy exists is the restore's
            Path scratch = org.automigrate.engine.backup.SqliteBackup.scratchFor(project.db);
            while (!(child.printed(l -> l.startsWith("Backup: ")) && Files.exists(scratch) && Files.exists(journal))) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    fail("The child never started writing the restore; it printed:\n" + child.output());
                }
                Thread.sleep(1);
            }
            child.kill();
            assertThat(child.output()).doesNotContain("RESULT");
        }
        assertThat(Files.size(journal)).as("a hot journal: killed inside the restore's transaction").isPositive();

        assertThat(DbChecksum.of(project.db, HISTORY)).isEqualTo(data);
        assertThat(project.engine("v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
        assertThat(project.listener.warnings).anySatisfy(w -> assertThat(w).contains("(restore, started",
                "a restore is done in one step, so the database is as it was before it"));
        assertThat(project.engine("v1").history(0).entries()).extracting(HistoryEntry::goal, HistoryEntry::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("restore", HistoryEntry.INTERRUPTED),
                        org.assertj.core.groups.Tuple.tuple("auto", HistoryEntry.SUCCESS));
        assertThat(DbChecksum.of(project.db, HISTORY)).isEqualTo(data);
        assertThat(ProjectSnapshot.files(project.dir)).noneMatch(f -> f.contains("automigrate-restore"));
    }

    @Test
    void aBackupThatFillsTheDiskIsNotKeptAndNothingChanges() throws Exception {
        // a full disk is a 1 MB tmpfs, and only root may mount one (CI runs as root): skipped for other users only;
        // as root a mount that fails fails the test
        Process id = new ProcessBuilder("id", "-u").start();
        boolean root = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().equals("0");
        org.junit.jupiter.api.Assumptions.assumeTrue(root, "mounting the 1 MB tmpfs that plays the full disk needs root");
        Path full = Files.createDirectories(dir.resolve("full"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", full.toString())
                .redirectErrorStream(true).start();
        String mountOutput = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mount.waitFor()).as("mount of the tmpfs as root: " + mountOutput).isZero();
        try {
            for (String journalMode : List.of("wal", "delete")) {
                Project project = new Project(Files.createDirectories(dir.resolve(journalMode)));
                project.engine("v1").auto();
                project.execute("pragma journal_mode = " + journalMode);
                fill(project, 40_000);
                ProjectSnapshot before = ProjectSnapshot.of(project);
                String data = DbChecksum.of(project.db);

                MigrateException failure = catchThrowableOfType(() -> project.engine("v2", c -> c.backupDirectory(full))
                        .auto(), MigrateException.class);

                assertThat(failure).as(journalMode).isNotNull();
                assertThat(failure.code()).isEqualTo(ErrorCode.IO);
                assertThat(failure.getMessage()).contains("the disk holding " + full + " is full",
                        "Nothing was changed").doesNotContain("restored", "no transaction is active");
                assertThat(ProjectSnapshot.files(full)).as("no backup, no partial file").isEmpty();
                assertThat(DbChecksum.of(project.db)).isEqualTo(data);
                assertThat(project.engine("v2").history(0).entries()).hasSize(1);
                // a read-only connection that closes last leaves a WAL database's -wal and -shm files: SQLite's
                java.util.function.Predicate<String> sqliteSidecar = f -> f.endsWith("-wal") || f.endsWith("-shm");
                assertThat(ProjectSnapshot.of(project).files()).filteredOn(sqliteSidecar.negate())
                        .isEqualTo(before.files().stream().filter(sqliteSidecar.negate()).toList());
            }
        } finally {
            new ProcessBuilder("umount", full.toString()).start().waitFor();
        }
    }

    // ---------------------------------------------------------------- two runs at once

    @Test
    void twoAutoRunsAtOnceApplyTheChangeExactlyOnce() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        fill(project, 20_000);
        RowDigest customers = RowDigest.of(project.db, CUSTOMERS_V1);
        Map<String, RowDigest> others = otherTables(project);
        String url = "jdbc:sqlite:" + project.db;

        List<ChildAuto> children = new ArrayList<>();
        try (ChildAuto first = ChildAuto.start(project, "v2", url); ChildAuto second = ChildAuto.start(project, "v2", url)) {
            children.add(first);
            children.add(second);
            for (ChildAuto child : children) {
                assertThat(child.waitFor(CHILD_TIMEOUT)).as("exit code; output:\n%s", child.output()).isZero();
            }
        }

        List<ChildAuto> applied = children.stream().filter(c -> c.printed(l -> l.startsWith("Applied "))).toList();
        assertThat(applied).as("runs that applied something:\n%s\n---\n%s", children.get(0).output(),
                children.get(1).output()).hasSize(1);
        ChildAuto other = children.get(applied.get(0) == children.get(0) ? 1 : 0);
        assertThat(applied.get(0).lines()).contains("RESULT APPLIED");
        assertThat(other.lines()).as(other.output()).contains("RESULT NO_CHANGES");
        assertThat(other.output()).doesNotContain("Changelog: ", "Backup: ");
        // when it had to wait, it says for whom
        assertThat(other.lines()).filteredOn(l -> l.startsWith("Waiting for another migration"))
                .allSatisfy(l -> assertThat(l).contains("pid " + applied.get(0).pid()));

        assertThat(project.query("select ID, count(*) from DATABASECHANGELOG group by ID"))
                .hasSize(2).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(1));
        assertThat(project.engine("v2").history(0).entries()).extracting(HistoryEntry::status)
                .containsExactly(HistoryEntry.SUCCESS, HistoryEntry.SUCCESS);
        assertThat(project.changeFiles()).hasSize(2);
        assertThat(Files.readString(project.changelogDir().resolve("db.changelog-master.yaml")))
                .containsOnlyOnce(project.changeFiles().get(1).getFileName().toString());
        assertThat(project.backups()).hasSize(1);
        assertThat(RowDigest.of(project.db, CUSTOMERS_V1)).isEqualTo(customers);
        assertThat(otherTables(project).get("product")).isEqualTo(others.get("product"));
        assertThat(otherTables(project).get("purchase_order")).isEqualTo(others.get("purchase_order"));
        assertThat(project.query("select count(*) from customer where loyaltyPoints = 0 and phone is null"))
                .containsExactly(List.of(20_000));
        assertThat(project.query("select count(*) from DATABASECHANGELOGLOCK where LOCKED <> 0")).containsExactly(List.of(0));
        assertThat(project.engine("v2").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
    }

    // ---------------------------------------------------------------- input that cannot work

    @Test
    void aReadOnlyDatabaseFileIsReportedOnceAndNothingChanges() throws Exception {
        Project project = shopWithRows();
        ReadOnlyFile readOnly = ReadOnlyFile.make(project.db);
        try {
            if (readOnly != null) {
                assertReadOnlyDatabaseIsReported(project, UnaryOperator.identity(), readOnly.how());
            } else {
                // neither file modes nor chattr work here: the driver's read-only open mode stands in for them
                assertReadOnlyDatabaseIsReported(project, c -> c.url("jdbc:sqlite:" + project.db + "?open_mode=1"),
                        "open_mode=1 in the URL");
            }
        } finally {
            if (readOnly != null) {
                readOnly.close();
            }
        }
        assertThat(DbChecksum.of(project.db)).isEqualTo(rowsOfShopDb);
        assertThat(project.engine("v2").history(0).entries()).hasSize(1);
    }

    private static void assertReadOnlyDatabaseIsReported(Project project, UnaryOperator<EngineConfig.Builder> config,
                                                         String how) throws Exception {
        ProjectSnapshot before = ProjectSnapshot.of(project);
        // reading needs no write access
        assertThat(project.engine("v2", config).preview().changes()).isNotEmpty();

        MigrateException failure = catchThrowableOfType(() -> project.engine("v2", config).auto(),
                MigrateException.class);
        assertThat(failure).as("auto on a read-only database (made read-only by %s) must fail", how).isNotNull();
        ProjectSnapshot after = ProjectSnapshot.of(project);
        assertSoftly(soft -> {
            soft.assertThat(failure.code()).as("code; message: %s", failure.getMessage())
                    .isIn(ErrorCode.UNREACHABLE, ErrorCode.IO);
            soft.assertThat(failure.getMessage()).contains(project.db.toString(), "Nothing was changed")
                    .containsAnyOf("readonly", "read-only", "not writable")
                    .doesNotContain("Another migration", "RESTORE FAILED", "could not be recorded");
            soft.assertThat(after).as("the database file and the files of the project").isEqualTo(before);
        });
    }

    @Test
    void malformedUrlsAreReportedOnceAndNothingChanges() throws Exception {
        Project project = shopWithRows();
        ProjectSnapshot before = ProjectSnapshot.of(project);

        assertThatThrownBy(() -> project.engine("v2", c -> c.url("jdbc:sqlite:")).auto())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("names no database file")
                .hasMessageContaining("-Dmigrate.url")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThatThrownBy(() -> project.engine("v2", c -> c.url("jdbc:foo:bar")).auto())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("'jdbc:foo:bar' is not a JDBC URL this plugin supports")
                .hasMessageContaining("jdbc:mysql://host/db")
                .hasMessageContaining("-Dmigrate.url")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
        // a URL that names a directory, not a database file
        Path directory = Files.createDirectories(dir.resolve("data"));
        before = ProjectSnapshot.of(project);
        assertThatThrownBy(() -> project.engine("v2", c -> c.url("jdbc:sqlite:" + directory)).auto())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining(directory.toString())
                .extracting(e -> ((MigrateException) e).code()).isIn(ErrorCode.UNREACHABLE, ErrorCode.CONFIGURATION);

        assertThat(ProjectSnapshot.of(project)).isEqualTo(before);
    }

    @Test
    void aChangesetEditedAfterItWasAppliedStopsAutoAndPreviewUntilMarkedValidCheckSumAny() throws Exception {
        Project project = shopWithRows();
        Path changeset = project.changeFiles().get(0);
        String original = Files.readString(changeset);
        assertThat(original).contains("varchar(100)");
        Files.writeString(changeset, original.replaceFirst("varchar\\(100\\)", "varchar(120)"));
        ProjectSnapshot before = ProjectSnapshot.of(project);
        String data = DbChecksum.of(project.db);

        for (Supplier<Object> goal : List.<Supplier<Object>>of(() -> project.engine("v2").auto(),
                () -> project.engine("v2").preview(), () -> project.engine("v1").auto())) {
            assertThatThrownBy(goal::get)
                    .isInstanceOf(MigrateException.class)
                    .hasMessageContaining("edited after they were applied")
                    .hasMessageContaining(changeset.getFileName().toString())
                    .hasMessageContaining("validCheckSum: ANY")
                    .hasMessageContaining("Nothing was changed")
                    .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CHANGELOG);
            assertThat(ProjectSnapshot.of(project)).isEqualTo(before);
        }
        assertThat(DbChecksum.of(project.db)).isEqualTo(data);

        String edited = Files.readString(changeset);
        assertThat(edited).contains("      author: ");
        Files.writeString(changeset, edited.replaceFirst("      author: ", "      validCheckSum: ANY\n      author: "));
        AutoResult result = project.engine("v2").auto();
        assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(RowDigest.of(project.db, CUSTOMERS_V1)).isEqualTo(rowsOfShop);
        assertThat(project.engine("v2").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
    }

    private RowDigest rowsOfShop;
    private String rowsOfShopDb;

    /** v1 applied, with rows in every table. */
    private Project shopWithRows() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        fill(project, 50);
        rowsOfShop = RowDigest.of(project.db, CUSTOMERS_V1);
        rowsOfShopDb = DbChecksum.of(project.db);
        return project;
    }

    // ---------------------------------------------------------------- passwords

    @Test
    void passwordsAreNeverPrintedNorStored() throws Exception {
        List<String> said = new ArrayList<>();
        int scenario = 0;
        for (boolean inUrl : List.of(true, false)) {
            Project project = new Project(Files.createDirectories(dir.resolve("p" + scenario++)));
            String url = "jdbc:sqlite:" + project.db + (inUrl ? "?password=" + SECRET : "");
            UnaryOperator<EngineConfig.Builder> secret = inUrl ? c -> c.url(url)
                    : c -> c.url(url).credentials("user", SECRET);
            // success on a new database; then failures: a change that fails while applying, one that is blocked
            AutoResult created = project.engine("v1", secret).auto();
            project.execute("insert into customer (name, email) values ('Ada', 'a1')");
            String before = DbChecksum.of(project.db, HISTORY);
            said.add(failure(() -> project.engine("v6", secret).auto(), ErrorCode.APPLY_FAILED));
            assertThat(DbChecksum.of(project.db, HISTORY)).isEqualTo(before);
            said.add(failure(() -> project.engine("v5", secret).auto(), ErrorCode.DESTRUCTIVE_BLOCKED));
            // success on a database with rows, and every read-only goal
            AutoResult changed = project.engine("v2", secret).auto();
            assertThat(changed.status()).isEqualTo(RunStatus.APPLIED);
            said.add(created.toString());
            said.add(changed.toString());
            said.add(project.engine("v2", secret).config().toString());
            said.add(project.engine("v2", secret).status().toString());
            said.add(project.engine("v2", secret).preview().toString());
            said.add(project.engine("v2", secret).discover().toString());
            said.add(project.engine("v2", secret).history(0).toString());
            assertThat(project.engine("v2", secret).history(0).entries()).extracting(HistoryEntry::status)
                    .containsExactly(HistoryEntry.SUCCESS, HistoryEntry.FAILED, HistoryEntry.SUCCESS);
            // an edited changeset
            Path changeset = project.changeFiles().get(0);
            Files.writeString(changeset, Files.readString(changeset).replaceFirst("varchar\\(100\\)", "varchar(101)"));
            said.add(failure(() -> project.engine("v2", secret).auto(), ErrorCode.CHANGELOG));
            // a database that cannot be opened
            Path corrupt = Files.writeString(project.dir.resolve("corrupt.db"), "not a database, just text ".repeat(10));
            said.add(failure(() -> project.engine("v2", c -> secret.apply(c)
                    .url("jdbc:sqlite:" + corrupt + (inUrl ? "?password=" + SECRET : ""))).auto(), ErrorCode.CORRUPT));
            said.add(project.listener.all());
            // the runs did go through the URL with the password: it shows, masked
            assertThat(project.listener.all()).contains(inUrl ? "shop.db?password=****" : "shop.db");
            assertThat(project.listener.details).isNotEmpty();
            assertThat(filesContaining(project.dir, SECRET)).as("files holding the password").isEmpty();
        }
        said.add(failure(() -> new Project(dir).engine("v1", c -> c.url("jdbc:sqlite:?password=" + SECRET)).auto(),
                ErrorCode.CONFIGURATION));
        said.add(failure(() -> new Project(dir).engine("v1", c -> c.url("jdbc:foo://db?password=" + SECRET)).auto(),
                ErrorCode.CONFIGURATION));

        assertThat(said).allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
    }

    /** Runs a goal that must fail; returns the message, toString and stack trace of every exception in the chain. */
    private static String failure(Supplier<Object> goal, ErrorCode code) {
        try {
            goal.get();
        } catch (MigrateException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            StringBuilder text = new StringBuilder();
            java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            List<Throwable> queue = new ArrayList<>(List.of(e));
            while (!queue.isEmpty()) {
                Throwable t = queue.remove(0);
                if (!seen.add(t)) {
                    continue;
                }
                text.append(t.getMessage()).append('\n').append(t).append('\n').append(t.getLocalizedMessage()).append('\n');
                if (t.getCause() != null) {
                    queue.add(t.getCause());
                }
                queue.addAll(List.of(t.getSuppressed()));
            }
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            return text.append(trace).toString();
        }
        throw new AssertionError("expected a failure with " + code);
    }

    private static List<Path> filesContaining(Path root, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                try {
                    return indexOf(Files.readAllBytes(p), needle) >= 0;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
