package org.automigrate.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.history.HistoryEntry;

/**
 * The state of the database against the model and the changelog.
 *
 * @param database       the database, URL masked
 * @param databaseExists false when the database file does not exist yet
 * @param entities       number of entities in the model
 * @param tables         number of tables in the model
 * @param appliedCount   changesets the database has run
 * @param pending        changesets of the changelog it has not run
 * @param drift          how the database as it is now differs from the model (what {@code verify} reports); the
 *                       same as {@code differences} when nothing is pending
 * @param differences    the changes {@code auto} would still make after the pending changesets ran
 * @param lastBackup     the newest backup file of this database, or {@code null}
 * @param lastRun        the newest recorded run, or {@code null}
 * @param elapsed        how long it took
 */
public record StatusResult(String database, boolean databaseExists, long entities, int tables,
                           int appliedCount, List<PendingChangeset> pending, List<String> drift,
                           List<PlannedChange> differences,
                           Path lastBackup, HistoryEntry lastRun, Duration elapsed) {
    public StatusResult {
        pending = List.copyOf(pending);
        drift = List.copyOf(drift);
        differences = List.copyOf(differences);
    }

    public boolean upToDate() {
        return pending.isEmpty() && differences.isEmpty();
    }
}
