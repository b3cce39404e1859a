package org.automigrate.engine.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.automigrate.engine.Engine;
import org.automigrate.engine.PlannedChange;
import org.automigrate.engine.PreviewResult;
import org.automigrate.engine.ReportResult;
import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.history.HistoryEntry;

/**
 * The {@code report} goal's Markdown ({@code schema.md}): the model as a Mermaid diagram, the difference
 * between model and database as a table with the SQL, the pending changesets and the recent runs. It holds
 * no time of its own making (history times are UTC), so the same state gives the same file. Pure function.
 */
public final class MarkdownReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private MarkdownReport() {
    }

    public static String render(ReportResult result) {
        PreviewResult preview = result.preview();
        List<String> lines = new ArrayList<>();
        lines.add("# Schema report");
        lines.add("");
        lines.add("Database: " + code(preview.database()) + (preview.databaseExists() ? "" : " (does not exist yet)")
                + ". Model: " + count(result.model().size(), "table") + ". Differences: "
                + preview.changes().size() + " (" + destructive(preview.changes()) + " destructive). "
                + "Pending changesets: " + preview.pending().size() + ".");
        lines.add("");
        lines.add("## Model");
        lines.add("");
        lines.add("```mermaid");
        lines.addAll(MermaidErDiagram.render(result.model()));
        lines.add("```");
        lines.add("");
        differences(lines, preview);
        lines.add("## Pending changesets");
        lines.add("");
        if (preview.pending().isEmpty()) {
            lines.add("None: the database has run every changeset of the changelog.");
        } else {
            preview.pending().forEach(changeset -> lines.add("- " + code(changeset.toString())));
        }
        lines.add("");
        history(lines, result.history());
        return String.join("\n", lines) + "\n";
    }

    private static void differences(List<String> lines, PreviewResult preview) {
        lines.add("## Differences between the model and the database");
        lines.add("");
        if (preview.changes().isEmpty()) {
            lines.add(preview.pending().isEmpty() ? "None: the database matches the model."
                    : "None beyond the pending changesets: after them the database matches the model.");
        } else {
            lines.add("| Change | Table | Safety | SQL |");
            lines.add("|---|---|---|---|");
            for (PlannedChange change : preview.changes()) {
                lines.add("| " + cell(change.description()) + " | " + code(change.table()) + " | "
                        + (change.safety() == Safety.DESTRUCTIVE ? "**destructive**" : "safe") + " | "
                        + String.join("<br>", change.sql().stream().map(MarkdownReport::code).toList()) + " |");
            }
        }
        preview.blockers().forEach(blocker -> lines.add("\n**Blocked:** " + cell(blocker)));
        preview.hints().stream().filter(hint -> preview.blockers().stream().noneMatch(b -> b.contains(hint)))
                .forEach(hint -> lines.add("\n**Hint:** " + cell(hint)));
        lines.add("");
    }

    private static void history(List<String> lines, List<HistoryEntry> history) {
        lines.add("## Recent runs (last " + Engine.REPORT_HISTORY + ", newest first)");
        lines.add("");
        if (history.isEmpty()) {
            lines.add("No runs recorded yet.");
            return;
        }
        lines.add("| Run | Started (UTC) | Goal | Status | Description |");
        lines.add("|---|---|---|---|---|");
        for (HistoryEntry entry : history) {
            String error = entry.succeeded() || entry.error() == null ? ""
                    : "<br>Error: " + cell(entry.error().lines().findFirst().orElse(""));
            lines.add("| " + entry.id() + " | " + TIME.format(entry.started()) + " | " + entry.goal() + " | "
                    + (entry.succeeded() ? "ok" : "**failed**") + " | " + cell(entry.description()) + error + " |");
        }
    }

    private static long destructive(List<PlannedChange> changes) {
        return changes.stream().filter(c -> c.safety() == Safety.DESTRUCTIVE).count();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Text as inline code that survives any character, in a table cell too. */
    private static String code(String text) {
        return "<code>" + cell(text) + "</code>";
    }

    /**
     * Text in a table cell: HTML special characters as entities, pipes escaped (they end the cell), line
     * breaks as {@code <br>}; Markdown's active characters backslash-escaped so names like {@code _tmp_} stay
     * literal (text between HTML tags is still Markdown).
     */
    private static String cell(String text) {
        return (text == null ? "" : text)
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("([\\\\`*_|\\[\\]])", "\\\\$1").replaceAll("\\R", "<br>");
    }
}
