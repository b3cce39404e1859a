package org.automigrate.engine.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.automigrate.engine.RunStatus;

/**
 * What a run over many databases did: one outcome per database, in the run's order.
 *
 * @param status        {@code FAILED} when a database failed (or was not started after one did); else
 *                      {@code APPLIED} when a database was changed, {@code NO_CHANGES} when none needed to be,
 *                      {@code DRY_RUN} when one has changes pending ({@code preview}, {@code status}), and
 *                      {@code REPORTED} for the other read goals
 * @param goal          the goal
 * @param threads       how many databases were worked on at once
 * @param succeeded     the databases that did not fail
 * @param failed        the databases that failed
 * @param notStarted    the databases not started because of {@code failFast}
 * @param generatedOn   {@code auto}: the database the new changeset was generated from, or {@code null}
 * @param changelogFile {@code auto}: the changeset file written, or {@code null}
 * @param targets       every database's outcome
 * @param elapsed       how long the whole run took
 */
public record FleetResult(RunStatus status, String goal, int threads, int succeeded, int failed, int notStarted,
                          String generatedOn, Path changelogFile, List<TargetOutcome> targets, Duration elapsed) {
    public FleetResult {
        targets = List.copyOf(targets);
    }

    /** The short names of the databases that failed. */
    public List<String> failedTargets() {
        return targets.stream().filter(TargetOutcome::failed).map(TargetOutcome::target).toList();
    }
}
