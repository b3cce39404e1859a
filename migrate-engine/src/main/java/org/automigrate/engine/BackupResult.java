package org.automigrate.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * A backup taken by {@code backup}, and every backup of the database now kept.
 *
 * @param database   the database, URL masked
 * @param backupFile the backup just taken
 * @param backups    all backups of this database, newest first
 */
public record BackupResult(String database, Path backupFile, List<Path> backups) {
    public BackupResult {
        backups = List.copyOf(backups);
    }
}
