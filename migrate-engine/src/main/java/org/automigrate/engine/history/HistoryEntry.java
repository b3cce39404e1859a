package org.automigrate.engine.history;

import java.time.Instant;
import java.util.List;

/**
 * One recorded run.
 *
 * @param id          sequence number of the run in this database
 * @param started     when the run started
 * @param finished    when its outcome was final
 * @param goal        the goal that ran ({@code auto}, ...)
 * @param status      {@code SUCCESS}, {@code FAILED}, or {@code INTERRUPTED} (a run killed before it could record its
 *                    outcome, recorded by the next run); {@code APPLYING} or {@code RESTORING} while a run changes
 *                    the database (a row left so marks a run that was killed)
 * @param description what the run did, in words
 * @param changesets  the changesets it applied ({@code file::id})
 * @param modelFiles  the model files involved, each {@code path=hash}
 * @param backupFile  the backup taken before the run, or {@code null}
 * @param error       the error of a failed run, or {@code null}
 */
public record HistoryEntry(long id, Instant started, Instant finished, String goal, String status,
                           String description, List<String> changesets, List<String> modelFiles,
                           String backupFile, String error) {
    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";
    public static final String APPLYING = "APPLYING";
    public static final String RESTORING = "RESTORING";
    public static final String INTERRUPTED = "INTERRUPTED";

    public HistoryEntry {
        changesets = List.copyOf(changesets);
        modelFiles = List.copyOf(modelFiles);
    }

    public boolean succeeded() {
        return SUCCESS.equals(status);
    }
}
