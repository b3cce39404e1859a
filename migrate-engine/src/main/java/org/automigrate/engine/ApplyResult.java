package org.automigrate.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code apply} did.
 *
 * @param status     {@link RunStatus#APPLIED} or {@link RunStatus#NO_CHANGES}
 * @param database   the database, URL masked
 * @param applied    the changesets applied, each {@code file::id::author}
 * @param backupFile the backup taken before, or {@code null}
 * @param verified   true when the database was compared with the model afterwards and matched
 * @param historyId  the run's id in the history (0 when nothing was done)
 * @param elapsed    how long it took
 */
public record ApplyResult(RunStatus status, String database, List<String> applied, Path backupFile, boolean verified,
                          long historyId, Duration elapsed) {
    public ApplyResult {
        applied = List.copyOf(applied);
    }
}
