package org.automigrate.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.automigrate.engine.changelog.PendingChangeset;

/**
 * What {@code auto} did.
 *
 * @param status        {@link RunStatus#APPLIED} or {@link RunStatus#NO_CHANGES}
 * @param database      the database, URL masked
 * @param created       true when the database file did not exist before the run
 * @param pendingApplied changesets of the existing changelog that were applied first
 * @param changes       the differences the run generated a changeset for
 * @param changelogFile the changelog file written, or {@code null}
 * @param applied       every changeset applied in this run ({@code file::id})
 * @param backupFile    the backup taken before the database was changed, or {@code null}
 * @param verified      true when the database was compared with the model after applying and matched
 * @param historyId     the id of this run in the history table
 * @param elapsed       how long it took
 */
public record AutoResult(RunStatus status, String database, boolean created,
                         List<PendingChangeset> pendingApplied, List<PlannedChange> changes,
                         Path changelogFile, List<String> applied, Path backupFile, boolean verified,
                         long historyId, Duration elapsed) {
    public AutoResult {
        pendingApplied = List.copyOf(pendingApplied);
        changes = List.copyOf(changes);
        applied = List.copyOf(applied);
    }
}
