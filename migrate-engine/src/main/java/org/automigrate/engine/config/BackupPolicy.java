package org.automigrate.engine.config;

import java.nio.file.Path;

/**
 * When and where backups are taken, and how many are kept.
 *
 * @param enabled       take a backup before the database is changed
 * @param directory     where backups go; {@code null} means next to the database file
 * @param keep          how many backups of one database to keep (older ones are deleted); 0 keeps all
 * @param retentionDays delete backups older than this many days; 0 keeps them regardless of age
 */
public record BackupPolicy(boolean enabled, Path directory, int keep, int retentionDays) {
    public static final int DEFAULT_KEEP = 5;
    public static final int DEFAULT_RETENTION_DAYS = 30;

    public static BackupPolicy defaults() {
        return new BackupPolicy(true, null, DEFAULT_KEEP, DEFAULT_RETENTION_DAYS);
    }
}
