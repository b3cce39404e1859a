package org.automigrate.engine;

import java.util.List;

import org.automigrate.engine.history.HistoryEntry;

/**
 * The recorded runs, newest first.
 *
 * @param database the database, URL masked
 * @param entries  the runs, newest first
 */
public record HistoryResult(String database, List<HistoryEntry> entries) {
    public HistoryResult {
        entries = List.copyOf(entries);
    }
}
