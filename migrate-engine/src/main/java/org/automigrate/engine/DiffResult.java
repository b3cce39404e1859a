package org.automigrate.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code diff} wrote.
 *
 * @param status        {@link RunStatus#APPLIED} when a changeset was written (nothing is applied), else
 *                      {@link RunStatus#NO_CHANGES}
 * @param database      the database compared with, URL masked
 * @param changes       the differences the changeset covers
 * @param changelogFile the file written, or {@code null}
 * @param elapsed       how long it took
 */
public record DiffResult(RunStatus status, String database, List<PlannedChange> changes, Path changelogFile,
                         Duration elapsed) {
    public DiffResult {
        changes = List.copyOf(changes);
    }
}
