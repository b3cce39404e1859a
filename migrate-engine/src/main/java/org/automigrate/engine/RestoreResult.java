package org.automigrate.engine;

import java.nio.file.Path;

/**
 * What {@code restore} did.
 *
 * @param database     the database, URL masked
 * @param restoredFrom the backup the database now holds
 * @param safetyBackup the backup of the state before the restore, or {@code null} when there was no database
 * @param historyId    the run's id in the history
 */
public record RestoreResult(String database, Path restoredFrom, Path safetyBackup, long historyId) {
}
