package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.support.RecordingListener;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@code backup} goal on PostgreSQL and MariaDB: the vendor's dump into {@code <project>/backups}. */
class ServerBackupGoalIT {
    @TempDir
    Path project;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void backupDumpsTheServerDatabaseIntoTheProjectsBackupFolder(DatabaseKind kind) throws Exception {
        try (Servers.Database db = kind == DatabaseKind.POSTGRESQL ? Servers.postgres("am_bk") : Servers.mariadb("am_bk")) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))", "INSERT INTO t VALUES (1, 'one'), (2, 'two')");
            Map<String, String> before = db.tableDigests();
            RecordingListener log = new RecordingListener();
            EngineConfig config = EngineConfig.builder(project).url(db.url())
                    .credentials(db.username(), db.password()).backupKeep(2).build();

            BackupResult first = new Engine(config, log).backup();
            BackupResult second = new Engine(config, log).backup();
            BackupResult third = new Engine(config, log).backup();

            assertThat(first.backupFile().getParent()).isEqualTo(project.resolve("backups"));
            assertThat(third.backupFile().getFileName().toString()).startsWith(db.name() + ".backup_").endsWith(".sql");
            assertThat(third.backups()).containsExactly(third.backupFile(), second.backupFile());
            assertThat(third.database()).isEqualTo(db.url());
            assertThat(log.steps).anyMatch(s -> s.startsWith("Backup: " + third.backupFile() + " ("));
            assertThat(db.tableDigests()).isEqualTo(before);
        }
    }
}
