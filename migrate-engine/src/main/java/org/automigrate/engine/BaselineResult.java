package org.automigrate.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code baseline} recorded.
 *
 * @param database      the database, URL masked
 * @param marked        the changesets recorded as applied without running them
 * @param changelogFile the changeset written for what the changelog lacked, or {@code null}
 * @param remaining     what the database still lacks of the model (keys, uniques, indexes, checks): the next
 *                      {@code auto} makes it, keeping every row
 * @param historyId     the run's id in the history
 * @param elapsed       how long it took
 */
public record BaselineResult(String database, List<String> marked, Path changelogFile, List<String> remaining,
                             long historyId, Duration elapsed) {
    public BaselineResult {
        marked = List.copyOf(marked);
        remaining = List.copyOf(remaining);
    }
}
