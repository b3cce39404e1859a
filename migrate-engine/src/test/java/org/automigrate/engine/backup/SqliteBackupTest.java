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
    void aDatabaseInWalModeIsCopiedWithItsCommittedPagesStillInTheWal() throws Exception {
        Project project = new Project(dir);
        project.execute("create table t (id integer primary key, v text)");
        try (var c = project.connect(); var st = c.createStatement()) {
            st.execute("pragma journal_mode = wal");
            st.execute("pragma wal_autocheckpoint = 0"); // keep the rows in the -wal file
            st.execute("insert into t (v) values ('a'), ('b'), ('c')");
            String before = DbChecksum.of(project.db);
            Path file = new SqliteBackup(BackupPolicy.defaults(), target(project), EngineListener.SILENT).take();
            assertThat(DbChecksum.of(file)).isEqualTo(before);
        }
    }

    @Test
    void aWriterWaitsWhileTheFileIsCopied() throws Exception {
        Project project = new Project(dir);
        project.execute("create table t (id integer primary key, v blob)",
                "insert into t (v) select randomblob(4096) from (with recursive c(x) as (select 1 union all "
                        + "select x + 1 from c where x < 20000) select x from c)");
        String before = DbChecksum.of(project.db);
        Thread writer = new Thread(() -> {
            try {
                project.execute("insert into t (v) values (randomblob(10))");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        SqliteBackup backup = new SqliteBackup(BackupPolicy.defaults(), target(project), new EngineListener() {
            @Override
            public void step(String message) {
            }

            @Override
            public void progress(String message) {
            }

            @Override
            public void warn(String message) {
            }
        });
        writer.start();
        Path file = backup.take();
        writer.join();
        String copied = DbChecksum.of(file);
        // the copy is one consistent state: before the writer's commit, or after it
        assertThat(copied.equals(before) || copied.equals(DbChecksum.of(project.db))).isTrue();
        assertThat(DbChecksum.of(project.db)).isNotEqualTo(before);
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
