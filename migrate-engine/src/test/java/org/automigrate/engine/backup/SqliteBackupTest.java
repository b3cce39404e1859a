package org.automigrate.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackupTest {
    @TempDir
    Path dir;

    @Test
    void takesAConsistentCopyAndRestoresIt() throws Exception {
        Project project = new Project(dir);
        project.execute("create table t (id integer primary key, v text)", "insert into t (v) values ('a'), ('b')");
        String before = DbChecksum.of(project.db);
        SqliteBackup backup = new SqliteBackup(BackupPolicy.defaults(), target(project), EngineListener.SILENT);

        Path file = backup.take();
        assertThat(file.getParent()).isEqualTo(dir.resolve("backups"));
        assertThat(file.getFileName().toString()).matches("shop\\.db\\.backup_\\d{8}_\\d{6}");
        assertThat(DbChecksum.of(file)).isEqualTo(before);

        project.execute("delete from t", "create table extra (x integer)");
        backup.restore(file);
        assertThat(DbChecksum.of(project.db)).isEqualTo(before);
    }

    @Test
    void keepsTheNewestAndDropsTheOld() throws Exception {
        Project project = new Project(dir);
        project.execute("create table t (id integer primary key)");
        Path backups = Files.createDirectories(dir.resolve("backups"));
        for (String stamp : new String[] {"20260101_000000", "20260102_000000", "20260103_000000"}) {
            Files.writeString(backups.resolve("shop.db.backup_" + stamp), "old");
        }
        Path ancient = Files.writeString(backups.resolve("shop.db.backup_20250101_000000"), "old");
        Files.setLastModifiedTime(ancient, FileTime.from(Instant.now().minus(40, ChronoUnit.DAYS)));
        Path unrelated = Files.writeString(backups.resolve("other.db.backup_20260101_000000"), "other");

        SqliteBackup backup = new SqliteBackup(new BackupPolicy(true, null, 3, 30), target(project),
                EngineListener.SILENT);
        Path taken = backup.take();

        assertThat(backup.list()).containsExactly(taken, backups.resolve("shop.db.backup_20260103_000000"),
                backups.resolve("shop.db.backup_20260102_000000"));
        assertThat(unrelated).exists();
    }

    @Test
    void twoBackupsInOneSecondGetDistinctNames() throws Exception {
        Project project = new Project(dir);
        project.execute("create table t (id integer primary key)");
        SqliteBackup backup = new SqliteBackup(new BackupPolicy(true, null, 0, 0), target(project),
                EngineListener.SILENT);
        Path first = backup.take();
        Path second = backup.take();
        assertThat(second).isNotEqualTo(first);
        assertThat(backup.list()).hasSize(2);
    }

    private static DatabaseTarget target(Project project) {
        return DatabaseTarget.of("jdbc:sqlite:" + project.db, null, null);
    }
}
