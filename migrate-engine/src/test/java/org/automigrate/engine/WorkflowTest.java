package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The team workflow: diff, new, apply, check, verify, rollback, baseline, backup and restore. */
class WorkflowTest {
    private static final String HISTORY = "automigrate_history";

    @TempDir
    Path dir;

    @Test
    void diffWritesADeterministicSealedChangesetAndTouchesNoDatabase() throws Exception {
        Project first = new Project(dir.resolve("a"));
        Project second = new Project(dir.resolve("b"));
        DiffResult a = first.engine("v1").diff();
        DiffResult b = second.engine("v1").diff();
        assertThat(a.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(Files.readString(a.changelogFile())).isEqualTo(Files.readString(b.changelogFile()))
                .contains("# automigrate-checksum 0001_create_tables_customer_product_purchase_order 9:");
        assertThat(first.db).doesNotExist();
        assertThat(first.engine("v1").diff().status()).isEqualTo(RunStatus.NO_CHANGES);
        DiffResult next = first.engine("v2").diff();
        assertThat(next.changelogFile().getFileName().toString()).startsWith("0002_");
        assertThat(first.db).doesNotExist();
    }

    @Test
    void checkFailsOnUncoveredChangesAndEditedChangesetsAndPassesWhenCovered() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").diff();
        assertThat(project.engine("v1").check().changesets()).isEqualTo(1);
        assertThatThrownBy(() -> project.engine("v2").check())
                .hasMessageContaining("The model has changes that no changeset covers")
                .hasMessageContaining("create table region")
                .hasMessageContaining("mvn migrate:diff")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.DRIFT);
        project.engine("v2").diff();
        assertThat(project.engine("v2").check().changesets()).isEqualTo(2);
        assertThat(project.db).doesNotExist();

        Path first = project.changeFiles().get(0);
        Files.writeString(first, Files.readString(first).replace("varchar(100)", "varchar(120)"));
        assertThatThrownBy(() -> project.engine("v2").check())
                .hasMessageContaining("edited after they were written")
                .hasMessageContaining(first.getFileName().toString())
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CHANGELOG);
    }

    @Test
    void applyRunsTheChangelogOnlyAndCountLimitsIt() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").diff();
        project.engine("v2").diff();
        ApplyResult one = project.engine("v2").apply(1);
        assertThat(one.applied()).hasSize(1);
        assertThat(one.verified()).isFalse();
        ApplyResult rest = project.engine("v2").apply(null);
        assertThat(rest.applied()).hasSize(1);
        assertThat(rest.verified()).isTrue();
        assertThat(project.engine("v2").apply(null).status()).isEqualTo(RunStatus.NO_CHANGES);
        assertThat(project.changeFiles()).hasSize(2);
        assertThat(project.engine("v2").history(0).entries()).extracting(HistoryEntry::goal)
                .containsExactly("apply", "apply");
        assertThat(project.engine("v2").verify().tables()).isEqualTo(6);
    }

    @Test
    void verifyListsDrift() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("create index idx_extra on product (price)");
        assertThatThrownBy(() -> project.engine("v1").verify())
                .hasMessageContaining("differs from the model")
                .hasMessageContaining("drop index idx_extra on product")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.DRIFT);
    }

    @Test
    void rollbackUndoesTheLastChangesetsKeepingRowsAndRefusesWithoutARollback() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email) values ('Ada', 'a1')");
        String v1 = DbChecksum.of(project.db, HISTORY, "DATABASECHANGELOG", "DATABASECHANGELOGLOCK");
        project.engine("v2").auto();
        RollbackResult result = project.engine("v2").rollback(1);
        assertThat(result.rolledBack()).hasSize(1);
        assertThat(result.backupFile()).exists();
        assertThat(DbChecksum.of(project.db, HISTORY, "DATABASECHANGELOG", "DATABASECHANGELOGLOCK")).isEqualTo(v1);
        assertThat(project.engine("v1").verify()).isNotNull();

        project.engine("v5", c -> c.allowDestructive(true)).auto(); // drops order_line: no rollback
        String before = DbChecksum.ofFile(project.db);
        assertThatThrownBy(() -> project.engine("v5").rollback(1))
                .hasMessageContaining("has no rollback for `drop table order_line`")
                .hasMessageContaining("cannot be brought back with its data")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CHANGELOG);
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(before);
    }

    @Test
    void afterARollbackStatusAndVerifyAgreeAboutTheDatabaseAsItIs() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.engine("v2").auto();
        project.engine("v2").rollback(1);

        StatusResult status = project.engine("v2").status();
        assertThat(status.pending()).hasSize(1);
        assertThat(status.differences()).as("after the pending changeset nothing is left").isEmpty();
        assertThat(status.drift()).contains("create table region").anySatisfy(d -> assertThat(d).contains("phone"));
        assertThat(status.upToDate()).isFalse();
        assertThatThrownBy(() -> project.engine("v2").verify()).isInstanceOfSatisfying(MigrateException.class,
                e -> status.drift().forEach(d -> assertThat(e.getMessage()).contains(d)));
    }

    @Test
    void rollbackCountsMigrationsOneFileEachAndChangesetsOnRequest() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        java.nio.file.Path file = project.changelogDir().resolve("changes/0002_two_steps.yaml");
        Files.writeString(file, """
                databaseChangeLog:
                  - changeSet:
                      id: first-step
                      author: dev
                      changes:
                        - sql:
                            sql: insert into product (sku) values ('ONE')
                      rollback:
                        - sql:
                            sql: delete from product where sku = 'ONE'
                  - changeSet:
                      id: second-step
                      author: dev
                      changes:
                        - sql:
                            sql: insert into product (sku) values ('TWO')
                      rollback:
                        - sql:
                            sql: delete from product where sku = 'TWO'
                """);
        Files.writeString(project.changelogDir().resolve("db.changelog-master.yaml"),
                "  - include:\n      file: db/changelog/changes/0002_two_steps.yaml\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(project.engine("v1").apply(null).applied()).hasSize(2);

        RollbackResult one = project.engine("v1").rollback(null, 1);
        assertThat(one.rolledBack()).singleElement().asString().contains("second-step");
        assertThat(project.query("select sku from product")).containsExactly(List.of("ONE"));
        project.engine("v1").apply(null);

        RollbackResult migration = project.engine("v1").rollback(1);
        assertThat(migration.rolledBack()).hasSize(2).allSatisfy(k -> assertThat(k).contains("0002_two_steps.yaml"));
        assertThat(project.count("product")).isZero();
        assertThat(project.engine("v1").history(1).entries().get(0).description())
                .isEqualTo("Roll back 2 changesets (1 migration: 0002_two_steps.yaml)");
        assertThatThrownBy(() -> project.engine("v1").rollback(1, 1))
                .hasMessageContaining("cannot both be set");
        assertThatThrownBy(() -> project.engine("v1").rollback(2))
                .hasMessageContaining("Cannot roll back 2 migrations: the database has run the changesets of 1 "
                        + "changelog file");
    }

    @Test
    void baselineAdoptsAHandMadeDatabaseWithoutTouchingItsData() throws Exception {
        Project maker = new Project(dir.resolve("maker"));
        maker.engine("v1").auto();
        Project project = new Project(dir.resolve("live"));
        Files.createDirectories(project.dir);
        List<List<Object>> ddl = maker.query("select sql from sqlite_master where sql is not null and name not like "
                + "'DATABASECHANGELOG%' and name not like 'automigrate%' order by type desc, name");
        for (List<Object> row : ddl) {
            project.execute((String) row.get(0));
        }
        project.execute("insert into customer (name, email) values ('Ada', 'a1')");
        String data = DbChecksum.of(project.db);

        BaselineResult result = project.engine("v1").baseline();
        assertThat(result.changelogFile()).exists();
        assertThat(result.marked()).hasSize(1);
        assertThat(DbChecksum.of(project.db, HISTORY, "DATABASECHANGELOG", "DATABASECHANGELOGLOCK")).isEqualTo(data);
        assertThat(project.engine("v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
        assertThat(project.engine("v1").check().changesets()).isEqualTo(1);

        String file = DbChecksum.ofFile(project.db);
        assertThatThrownBy(() -> project.engine("v2").baseline())
                .hasMessageContaining("does not match the model")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.DRIFT);
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(file);
    }

    @Test
    void backupAndRestoreANamedBackupWithASafetyBackupFirst() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email) values ('Ada', 'a1')");
        BackupResult backup = project.engine("v1").backup();
        String atBackup = DbChecksum.of(backup.backupFile(), HISTORY);
        project.execute("delete from customer", "insert into customer (name, email) values ('Bob', 'b1')");
        String before = DbChecksum.of(project.db, HISTORY);

        RestoreResult restored = project.engine("v1").restore(backup.backupFile().getFileName().toString());
        assertThat(restored.restoredFrom()).isEqualTo(backup.backupFile());
        assertThat(DbChecksum.of(project.db, HISTORY)).isEqualTo(atBackup);
        assertThat(project.query("select name from customer")).containsExactly(List.of("Ada"));
        assertThat(DbChecksum.of(restored.safetyBackup(), HISTORY)).isEqualTo(before);
        assertThat(project.engine("v1").history(1).entries().get(0).goal()).isEqualTo("restore");

        assertThatThrownBy(() -> project.engine("v1").restore("nope.backup_20200101_000000"))
                .hasMessageContaining("does not exist")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
    }

    @Test
    void newWritesATemplateThatRefusesToRunUntilWritten() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        NewResult template = project.engine("v1", c -> c.message("Backfill status")).newChangeset();
        assertThat(template.changelogFile().getFileName().toString()).isEqualTo("0002_backfill_status.yaml");
        String before = DbChecksum.of(project.db, HISTORY);
        assertThatThrownBy(() -> project.engine("v1").auto())
                .hasMessageContaining("Write the migration in db/changelog/changes/0002_backfill_status.yaml");
        assertThat(DbChecksum.of(project.db, HISTORY)).isEqualTo(before);

        String text = Files.readString(template.changelogFile());
        String written = text.substring(0, text.indexOf("      preConditions:")) + text.substring(text.indexOf("      changes:"))
                .replace("select 1\n      rollback", "update customer set status = 'ACTIVE' where status is null\n      rollback");
        Files.writeString(template.changelogFile(), written);
        project.execute("insert into customer (name, email) values ('Ada', 'a1')");
        assertThat(project.engine("v1").auto().applied()).hasSize(1);
        assertThat(project.query("select status from customer")).containsExactly(Arrays.asList("ACTIVE"));
    }
}
