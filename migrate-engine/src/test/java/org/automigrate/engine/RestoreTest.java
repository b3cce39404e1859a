package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.report.TextReport;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.support.ProjectSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore} on SQLite: the file is checked before anything is touched, retention never removes the backup being
 * restored, the history keeps every run, and backups are readable by their owner only.
 */
class RestoreTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotACompleteBackupIsRefusedBeforeAnythingIsTouched() throws Exception {
        Project project = shop();
        Path good = project.engine("v1").backup().backupFile();
        Path junk = Files.writeString(good.resolveSibling("shop.db.backup_20250101_000000"), "not a database\n".repeat(40));
        Path text = Files.writeString(dir.resolve("junk.txt"), "some text");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.db"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ProjectSnapshot before = ProjectSnapshot.of(project);
        String data = DbChecksum.ofFile(project.db);

        for (Path file : List.of(junk, text, cut)) {
            assertThatThrownBy(() -> project.engine("v1").restore(file.toString()))
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT);
                        assertThat(e.getMessage()).contains(file.toString(), "is not a complete SQLite backup",
                                "Nothing was changed").doesNotContain("Restored");
                    });
            assertThat(ProjectSnapshot.of(project)).as("no safety backup, no history row: nothing").isEqualTo(before);
            assertThat(DbChecksum.ofFile(project.db)).isEqualTo(data);
        }
        assertThatThrownBy(() -> project.engine("v1").restore(cut.toString())).hasMessageContaining("cut short");
        assertThatThrownBy(() -> project.engine("v1").restore(text.toString()))
                .hasMessageContaining("it is not a SQLite database");
    }

    @Test
    void theOldestOfTheKeptBackupsIsRestoredAndRetentionSparesIt() throws Exception {
        Project project = shop();
        for (int i = 1; i <= 5; i++) {
            project.execute("insert into product (sku) values ('P" + i + "')");
            project.engine("v1", c -> c.backupKeep(5)).backup(); // several in one second: _2, _3, ... keep the order
        }
        List<Path> backups = project.backups();
        assertThat(backups).hasSize(5);
        Path oldest = backups.get(0);
        project.execute("insert into product (sku) values ('after')");

        RestoreResult result = project.engine("v1", c -> c.backupKeep(5)).restore(oldest.getFileName().toString());

        assertThat(result.restoredFrom()).isEqualTo(oldest);
        assertThat(project.query("select sku from product order by id")).containsExactly(List.of("P1"));
        assertThat(oldest).exists();
        assertThat(result.safetyBackup()).exists();
        assertThat(project.backups()).hasSize(5).contains(oldest, result.safetyBackup());
    }

    @Test
    void aBackupOlderThanTheRetentionIsRestoredAndSpared() throws Exception {
        Project project = shop();
        project.execute("insert into product (sku) values ('old')");
        Path old = project.engine("v1").backup().backupFile();
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(40, ChronoUnit.DAYS)));
        project.execute("delete from product");

        project.engine("v1", c -> c.backupRetentionDays(30)).restore(old.toString());

        assertThat(project.query("select sku from product")).containsExactly(List.of("old"));
        assertThat(old).exists();
    }

    @Test
    void theHistoryKeepsEveryRunAcrossARestoreAndTheChangesetsAppliedSinceArePendingAgain() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email) values ('Ada', 'a1')");
        Path before = project.engine("v1").backup().backupFile();
        project.engine("v2").auto();
        assertThat(project.engine("v2").history(0).entries()).hasSize(2);

        RestoreResult result = project.engine("v2").restore(before.toString());

        assertThat(result.pendingAgain()).extracting(PendingChangeset::id)
                .singleElement().asString().startsWith("0002_");
        // said once: in the summary, not in a warning as well
        assertThat(project.listener.warnings).noneSatisfy(w -> assertThat(w).contains("pending again"));
        List<String> summary = TextReport.restore(result);
        assertThat(summary).filteredOn(line -> line.contains("0002_")).hasSize(1);
        assertThat(summary).anySatisfy(line -> assertThat(line).contains("1 changeset is pending again"))
                .anySatisfy(line -> assertThat(line).startsWith("mvn migrate:apply (or migrate:auto) applies it again."));
        List<HistoryEntry> history = project.engine("v2").history(0).entries();
        assertThat(history).extracting(HistoryEntry::goal).containsExactly("restore", "auto", "auto");
        assertThat(history).extracting(HistoryEntry::status).containsOnly(HistoryEntry.SUCCESS);
        assertThat(history.get(0).description()).isEqualTo("Restore " + before);
        assertThat(history.get(0).backupFile()).isEqualTo(result.safetyBackup().toString());
        assertThat(project.query("select count(*) from pragma_table_info('customer') where name = 'phone'"))
                .containsExactly(List.of(0));
        assertThat(project.query("select name from customer")).containsExactly(List.of("Ada"));

        assertThat(project.engine("v2").apply(null).applied()).singleElement().asString().contains("0002_");
        assertThat(project.query("select name, loyaltyPoints from customer")).containsExactly(List.of("Ada", 0));
    }

    @Test
    void backupsAreReadableByTheirOwnerOnly() throws Exception {
        Project project = shop();
        Path backup = project.engine("v1").backup().backupFile();
        project.engine("v2").auto();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.getParent())))
                .isEqualTo("rwx------");
        assertThat(project.backups()).hasSize(2).allSatisfy(file -> assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        assertThat(ProjectSnapshot.files(backup.getParent())).noneMatch(name -> name.contains("partial"));
    }

    /** v1 applied, with a customer. */
    private Project shop() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email) values ('Ada', 'a1')");
        return project;
    }
}
