package org.automigrate.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code rollback} undid.
 *
 * @param database   the database, URL masked
 * @param rolledBack the changesets undone, newest first, each {@code file::id::author}
 * @param backupFile the backup taken before
 * @param historyId  the run's id in the history
 * @param elapsed    how long it took
 */
public record RollbackResult(String database, List<String> rolledBack, Path backupFile, long historyId,
                             Duration elapsed) {
    public RollbackResult {
        rolledBack = List.copyOf(rolledBack);
    }
}
