package org.automigrate.engine;

import java.nio.file.Path;
import java.util.List;

import org.automigrate.engine.changelog.PendingChangeset;

/**
 * What {@code restore} did.
 *
 * @param database     the database, URL masked
 * @param restoredFrom the backup the database now holds
 * @param safetyBackup the backup of the state before the restore, or {@code null} when there was no database
 * @param pendingAgain the changesets of the changelog the restored database has not run (applied after the
 *                     backup was taken): {@code apply} or {@code auto} runs them again
 * @param historyId    the run's id in the history
 */
public record RestoreResult(String database, Path restoredFrom, Path safetyBackup, List<PendingChangeset> pendingAgain,
                            long historyId) {
    public RestoreResult {
        pendingAgain = List.copyOf(pendingAgain);
    }
}
