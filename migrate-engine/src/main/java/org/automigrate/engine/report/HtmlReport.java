package org.automigrate.engine.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.automigrate.engine.Engine;
import org.automigrate.engine.PlannedChange;
import org.automigrate.engine.PreviewResult;
import org.automigrate.engine.ReportResult;
import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.history.HistoryEntry;

/**
 * The report as HTML, for the {@code mvn site} page and a page of its own: the model as an SVG diagram
 * ({@link SvgErDiagram}, no JavaScript), then the differences between model and database with their SQL, the
 * pending changesets and the recent runs as tables. Tables carry Doxia's {@code bodyTable} class, so a site
 * skin styles them like its other reports. No time of its own making (history times are UTC). Pure function.
 */
public final class HtmlReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String TABLE = "<table class=\"bodyTable table table-striped am-";
    private static final String PAGE_STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #d0d7de;padding:4px 8px;"
            + "text-align:left;vertical-align:top}th{background:#f6f8fa}pre{margin:0;white-space:pre-wrap}"
            + ".am-destructive{color:#9b2c2c;font-weight:bold}.am-diagram{overflow:auto;border:1px solid #d0d7de;"
            + "padding:4px}";

    private HtmlReport() {
    }

    /** A whole HTML document, for reading without a site. */
    public static String page(ReportResult result) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Database schema</title>\n"
                + "<style>" + PAGE_STYLE + "</style>\n</head>\n<body>\n" + body(result) + "</body>\n</html>\n";
    }

    /** The report's content: sections to place in a page's body (a site's page, or {@link #page}). */
    public static String body(ReportResult result) {
        PreviewResult preview = result.preview();
        StringBuilder html = new StringBuilder();
        html.append("<section id=\"am-report\">\n<h1>Database schema</h1>\n<p>Database: <code>")
                .append(text(preview.database())).append("</code>")
                .append(preview.databaseExists() ? "" : " (does not exist yet)").append(". Model: ")
                .append(count(result.model().size(), "table")).append(". Differences: ").append(preview.changes().size())
                .append(" (").append(preview.changes().stream().filter(c -> c.safety() == Safety.DESTRUCTIVE).count())
                .append(" destructive). Pending changesets: ").append(preview.pending().size()).append(".</p>\n");
        html.append("<section id=\"am-model\">\n<h2>Model</h2>\n<p>Each table with its columns: keys (PK primary "
                + "key, FK foreign key, UK unique), name, declared type, NOT NULL and default. A line joins a foreign "
                + "key to the column it references: a crow's foot at the referencing table (a bar when at most one "
                + "row refers to a parent), a bar at the referenced one, with a circle when the reference is "
                + "optional.</p>\n<div class=\"am-diagram\">\n")
                .append(SvgErDiagram.render(result.model())).append("\n</div>\n</section>\n");
        differences(html, preview);
        pending(html, preview.pending());
        history(html, result.history());
        return html.append("</section>\n").toString();
    }

    private static void differences(StringBuilder html, PreviewResult preview) {
        html.append("<section id=\"am-differences\">\n<h2>Differences between the model and the database</h2>\n");
        if (preview.changes().isEmpty()) {
            html.append("<p>").append(preview.pending().isEmpty() ? "None: the database matches the model."
                    : "None beyond the pending changesets: after them the database matches the model.").append("</p>\n");
        } else {
            html.append(TABLE).append("differences\">\n<tr><th>Change</th><th>Table</th><th>Safety</th><th>SQL</th></tr>\n");
            for (PlannedChange change : preview.changes()) {
                html.append("<tr><td>").append(text(change.description())).append("</td><td><code>")
                        .append(text(change.table())).append("</code></td><td>")
                        .append(change.safety() == Safety.DESTRUCTIVE ? "<span class=\"am-destructive\">destructive</span>"
                                : "safe").append("</td><td>");
                change.sql().forEach(sql -> html.append("<pre>").append(text(sql)).append("</pre>"));
                html.append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        preview.blockers().forEach(blocker -> html.append("<p><strong>Blocked:</strong> ").append(text(blocker))
                .append("</p>\n"));
        preview.hints().stream().filter(hint -> preview.blockers().stream().noneMatch(b -> b.contains(hint)))
                .forEach(hint -> html.append("<p><strong>Hint:</strong> ").append(text(hint)).append("</p>\n"));
        html.append("</section>\n");
    }

    private static void pending(StringBuilder html, List<PendingChangeset> pending) {
        html.append("<section id=\"am-pending\">\n<h2>Pending changesets</h2>\n");
        if (pending.isEmpty()) {
            html.append("<p>None: the database has run every changeset of the changelog.</p>\n");
        } else {
            html.append(TABLE).append("pending\">\n<tr><th>Changeset</th><th>Author</th><th>File</th></tr>\n");
            pending.forEach(changeset -> html.append("<tr><td><code>").append(text(changeset.id()))
                    .append("</code></td><td>").append(text(changeset.author())).append("</td><td><code>")
                    .append(text(changeset.file())).append("</code></td></tr>\n"));
            html.append("</table>\n");
        }
        html.append("</section>\n");
    }

    private static void history(StringBuilder html, List<HistoryEntry> history) {
        html.append("<section id=\"am-history\">\n<h2>Recent runs (last ").append(Engine.REPORT_HISTORY)
                .append(", newest first)</h2>\n");
        if (history.isEmpty()) {
            html.append("<p>No runs recorded yet.</p>\n</section>\n");
            return;
        }
        html.append(TABLE).append("history\">\n<tr><th>Run</th><th>Started (UTC)</th><th>Finished (UTC)</th>"
                + "<th>Goal</th><th>Status</th><th>Description</th><th>Changesets</th></tr>\n");
        for (HistoryEntry entry : history) {
            html.append("<tr><td>").append(entry.id()).append("</td><td>").append(time(entry.started()))
                    .append("</td><td>").append(time(entry.finished())).append("</td><td>").append(text(entry.goal()))
                    .append("</td><td>").append(entry.succeeded() ? "ok"
                            : "<span class=\"am-destructive\">" + text(entry.status().toLowerCase(Locale.ROOT))
                                    + "</span>")
                    .append("</td><td>").append(text(entry.description()));
            if (!entry.succeeded() && entry.error() != null) {
                html.append("<br>Error: ").append(text(entry.error().lines().findFirst().orElse("")));
            }
            html.append("</td><td>").append(entry.changesets().size()).append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String text(String text) {
        return text == null ? "" : SvgErDiagram.xml(text);
    }
}
