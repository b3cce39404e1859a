package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureAndSafetyTest {
    private static final String HISTORY = "automigrate_history";

    @TempDir
    Path dir;

    @Test
    void aChangesetThatFailsRollsTheWholeRunBackRemovesTheFileAndRecordsTheFailure() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email) values ('Ada', 'a1')");
        // a teammate's changeset, pending: it commits before the generated one fails
        project.addChangeset("0002_seed_product.yaml", "seed-product", "insert into product (sku) values ('SEED')");
        String before = DbChecksum.of(project.db, HISTORY);
        String master = Files.readString(project.changelogDir().resolve("db.changelog-master.yaml"));

        assertThatThrownBy(() -> project.engine("v6").auto())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("CHECK constraint failed")
                .hasMessageContaining("Nothing was changed in the database: the run's transaction was rolled back")
                .hasMessageContaining("0003_add_column_customer_tier_not_null_default_gold.yaml was removed")
                .hasMessageContaining("recorded as #2")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.APPLY_FAILED);

        assertThat(DbChecksum.of(project.db, HISTORY)).isEqualTo(before);
        assertThat(project.count("product")).isZero();
        assertThat(project.changeFiles()).hasSize(2);
        assertThat(Files.readString(project.changelogDir().resolve("db.changelog-master.yaml"))).isEqualTo(master);
        assertThat(project.backups()).hasSize(1);
        HistoryResult history = project.engine("v6").history(0);
        assertThat(history.entries()).extracting(HistoryEntry::status)
                .containsExactly(HistoryEntry.FAILED, HistoryEntry.SUCCESS);
        HistoryEntry failed = history.entries().get(0);
        assertThat(failed.error()).contains("CHECK constraint failed");
        assertThat(failed.backupFile()).isEqualTo(project.backups().get(0).toString());
        assertThat(failed.modelFiles()).singleElement().asString()
                .startsWith("org/automigrate/engine/testmodel/v6/Customer.java=");
    }

    @Test
    void aChangeSqliteCannotMakeInPlaceRebuildsTheTableKeepingEveryRowAndItsChildren() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email, status) values ('Ada', 'a1', 'ACTIVE'), ('Bob', 'b1', null)",
                "insert into purchase_order (customer_id, paid) values (1, 1), (2, 0)");
        AutoResult result = project.engine("v4", c -> c.url("jdbc:sqlite:" + project.db + "?foreign_keys=true")).auto();

        assertThat(result.changes()).extracting(PlannedChange::description)
                .containsExactly("rebuild table customer: add unique constraint (name)");
        assertThat(Files.readString(result.changelogFile())).contains("runInTransaction: false", "PRAGMA foreign_keys = OFF",
                "pragma_foreign_key_check('purchase_order')");
        assertThat(project.query("select id, name, email, status from customer order by id")).containsExactly(
                java.util.Arrays.asList(1, "Ada", "a1", "ACTIVE"), java.util.Arrays.asList(2, "Bob", "b1", null));
        assertThat(project.count("purchase_order")).isEqualTo(2);
        assertThat(project.query("select \"table\" from pragma_foreign_key_list('purchase_order')"))
                .containsExactly(List.of("customer"));
        assertThat(project.query("select * from pragma_foreign_key_check")).isEmpty();
        assertThat(project.query("select count(*) from pragma_index_list('customer') where origin = 'u'"))
                .containsExactly(List.of(2));
        assertThat(project.engine("v4").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
    }

    @Test
    void aRebuildThatFailsOnExistingDataRollsTheRunBack() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email) values ('Ada', 'a1'), ('Ada', 'a2')");
        String before = DbChecksum.of(project.db, HISTORY);
        assertThatThrownBy(() -> project.engine("v4").auto())
                .hasMessageContaining("UNIQUE constraint failed: customer__automigrate_new.name")
                .hasMessageContaining("the run's transaction was rolled back")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.APPLY_FAILED);
        assertThat(DbChecksum.of(project.db, HISTORY)).isEqualTo(before);
        assertThat(project.changeFiles()).hasSize(1);
    }

    @Test
    void aRunThatChangesNothingLeavesNoFolderAndNoLockFileBehind() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        Path elsewhere = dir.resolve("nodir/sub/x.db");
        java.util.List<String> before = org.automigrate.engine.support.ProjectSnapshot.files(dir);

        // the changelog builds v1, v5 drops a table of it: refused before anything is written
        assertThatThrownBy(() -> project.engine("v5", c -> c.url("jdbc:sqlite:" + elsewhere)).auto())
                .isInstanceOfSatisfying(MigrateException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED));
        // a pending changeset that fails (on the scratch copy planning makes): refused too
        project.addChangeset("0002_broken.yaml", "broken", "insert into no_such_table values (1)");
        before = org.automigrate.engine.support.ProjectSnapshot.files(dir);
        assertThatThrownBy(() -> project.engine("v1", c -> c.url("jdbc:sqlite:" + elsewhere)).auto())
                .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHANGELOG));

        assertThat(dir.resolve("nodir")).doesNotExist();
        assertThat(org.automigrate.engine.support.ProjectSnapshot.files(dir)).isEqualTo(before);
    }

    @Test
    void destructiveChangesAreBlockedUnlessAllowed() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into product (sku) values ('A')");
        String before = DbChecksum.ofFile(project.db);

        assertThatThrownBy(() -> project.engine("v5").auto())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("drop table order_line")
                .hasMessageContaining("-Dmigrate.allowDestructive=true")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED);
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(before);
        assertThat(project.changeFiles()).hasSize(1);

        PreviewResult preview = project.engine("v5").preview();
        assertThat(preview.hasDestructive()).isTrue();
        assertThat(preview.blockers()).singleElement().asString().contains("allowDestructive");

        AutoResult allowed = project.engine("v5", c -> c.allowDestructive(true)).auto();
        assertThat(allowed.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(project.query("select name from sqlite_master where name = 'order_line'")).isEmpty();
        assertThat(project.count("product")).isEqualTo(1);
    }

    @Test
    void hibernateHelperTablesAndIgnoredTablesAreNeverDropped() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("create table HTE_customer (hib_sess_id char(36), rn_ integer, id bigint, primary key (hib_sess_id, rn_))",
                "create table HT_purchase_order (hib_sess_id char(36), id bigint)",
                "create table legacy_audit (id integer primary key, note varchar(20))");

        assertThat(project.engine("v1", c -> c.ignoreTables(List.of("legacy_*"))).auto().status())
                .isEqualTo(RunStatus.NO_CHANGES);
        assertThat(project.engine("v1").preview().changes()).extracting(PlannedChange::description)
                .containsExactly("drop table legacy_audit");
    }

    @Test
    void maxTablesPerRunStopsABigRun() {
        Project project = new Project(dir);
        assertThatThrownBy(() -> project.engine("v1", c -> c.maxTablesPerRun(2)).auto())
                .hasMessageContaining("would change 4 tables, more than maxTablesPerRun (2)")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.TOO_MANY_TABLES);
        assertThat(project.db).doesNotExist();
    }

    @Test
    void aCorruptDatabaseFileIsReportedAndLeftAlone() throws Exception {
        Project project = new Project(dir);
        Files.writeString(project.db, "this is not a database, just some text that is long enough to have a header");
        String before = DbChecksum.ofFile(project.db);
        assertThatThrownBy(() -> project.engine("v1").auto())
                .hasMessageContaining("is not a valid SQLite database")
                .hasMessageContaining(project.db.toString())
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CORRUPT);
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(before);
        assertThat(project.changeFiles()).isEmpty();
    }

    @Test
    void anUnwritableBackupDirectoryStopsBeforeAnythingChanges() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name) values ('Ada')");
        Path notADirectory = Files.writeString(dir.resolve("backups-file"), "x");
        String before = DbChecksum.ofFile(project.db);
        assertThatThrownBy(() -> project.engine("v2", c -> c.backupDirectory(notADirectory)).auto())
                .hasMessageContaining("backup directory " + notADirectory)
                .hasMessageContaining("-Dmigrate.backupDirectory")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.IO);
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(before);
        assertThat(project.changeFiles()).hasSize(1);
    }

    @Test
    void javaxEntitiesAreReportedNotIgnored() {
        // no javax classes on the test classpath: the scanner's rule is exercised through a missing package instead
        Project project = new Project(dir);
        assertThatThrownBy(() -> project.engine("nothing_here").discover())
                .hasMessageContaining("No @Entity classes found")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.MODEL);
    }
}
