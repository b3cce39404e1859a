package org.automigrate.engine;

import java.time.Duration;
import java.util.List;

import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.diff.Safety;

/**
 * What {@code auto} would do, found without changing anything.
 *
 * @param status         {@link RunStatus#DRY_RUN}, or {@link RunStatus#NO_CHANGES}
 * @param database       the database, URL masked
 * @param databaseExists false when the database file does not exist yet
 * @param pending        changesets of the changelog that would be applied first
 * @param changes        the model-vs-database differences and their SQL
 * @param blockers       problems that would stop {@code auto} before it touches anything
 * @param hints          suggestions, e.g. a rename setting that would keep data a drop would lose
 * @param elapsed        how long it took
 */
public record PreviewResult(RunStatus status, String database, boolean databaseExists,
                            List<PendingChangeset> pending, List<PlannedChange> changes,
                            List<String> blockers, List<String> hints, Duration elapsed) {
    public PreviewResult {
        pending = List.copyOf(pending);
        changes = List.copyOf(changes);
        blockers = List.copyOf(blockers);
        hints = List.copyOf(hints);
    }

    public boolean hasDestructive() {
        return changes.stream().anyMatch(c -> c.safety() == Safety.DESTRUCTIVE);
    }
}
