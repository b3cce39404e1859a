package org.automigrate.engine.fleet;

import java.time.Duration;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.RunStatus;

/**
 * How one database of a run over many ended: a row of the summary and of the JSON result.
 *
 * @param target     the database's short name
 * @param database   its URL, masked
 * @param goal       the goal it ran: the run's, but {@code apply} for the databases of an {@code auto} run after the
 *                   one that generated the changeset
 * @param status     {@code APPLIED}, {@code NO_CHANGES} (up to date), {@code DRY_RUN} (changes pending),
 *                   {@code REPORTED}, {@code FAILED}, or {@code SKIPPED} (not started: {@code failFast})
 * @param changesets the changesets applied ({@code auto}, {@code apply}) or pending ({@code status},
 *                   {@code preview})
 * @param elapsed    how long its work took
 * @param errorCode  why it failed, or {@code null}
 * @param error      the failure's message (what happened, the state it is in, what to do), or {@code null}
 * @param result     the goal's own result for this database, or {@code null} when it failed or did not start
 */
public record TargetOutcome(String target, String database, String goal, RunStatus status, int changesets,
                            Duration elapsed, ErrorCode errorCode, String error, Object result) {

    /** Whether it failed. */
    public boolean failed() {
        return status == RunStatus.FAILED;
    }
}
