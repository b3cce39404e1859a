package org.automigrate.engine;

import java.time.Duration;
import java.util.List;

import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.schema.DbTable;

/**
 * What {@code report} found: the model's tables, what {@code auto} would do (the same facts as
 * {@code preview}), and the recent runs. Rendered as Markdown by {@code report.MarkdownReport}.
 *
 * @param status  {@link RunStatus#REPORTED}
 * @param model   the model's tables as the model declares them, sorted by name
 * @param preview the model-vs-database differences, pending changesets, blockers and hints
 * @param history the most recent runs, newest first (at most {@link Engine#REPORT_HISTORY})
 * @param elapsed how long it took
 */
public record ReportResult(RunStatus status, List<DbTable> model, PreviewResult preview, List<HistoryEntry> history,
                           Duration elapsed) {
    public ReportResult {
        model = List.copyOf(model);
        history = List.copyOf(history);
    }
}
