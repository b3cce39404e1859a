package org.automigrate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.automigrate.engine.PlannedChange;
import org.automigrate.engine.PreviewResult;
import org.automigrate.engine.ReportResult;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.history.HistoryEntry;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void theDiagramAndTheDifferencesPendingChangesetsAndRunsAsTablesThatSurviveAnyText() {
        PlannedChange drop = new PlannedChange("drop column a<b>.x", "a<b>", Safety.DESTRUCTIVE,
                List.of("CREATE TABLE t (\n  x int CHECK (x < 3)\n)", "DROP TABLE \"a<b>\""));
        PlannedChange add = new PlannedChange("add column customer.phone", "customer", Safety.SAFE,
                List.of("alter table customer add column phone varchar(30)"));
        PreviewResult preview = new PreviewResult(RunStatus.DRY_RUN, "jdbc:sqlite:/shop.db", true,
                List.of(new PendingChangeset("0003_add_order", "ana", "db/changelog/changes/0003_add_order.yaml")),
                List.of(drop, add), List.of("Dropping a<b>.x loses data. Set -Dmigrate.allowDestructive=true"), List.of(),
                Duration.ZERO);
        HistoryEntry failed = new HistoryEntry(2, Instant.parse("2026-11-23T09:00:00Z"),
                Instant.parse("2026-11-23T09:00:02Z"), "auto", HistoryEntry.FAILED, "drop column customer_fax",
                List.of(), List.of(), null, "Destructive change blocked\nSet -Dmigrate.allowDestructive=true");
        HistoryEntry ok = new HistoryEntry(1, Instant.parse("2026-11-22T08:00:00Z"),
                Instant.parse("2026-11-22T08:00:01Z"), "auto", HistoryEntry.SUCCESS, "Create tables customer",
                List.of("a::1", "a::2"), List.of(), null, null);
        ReportResult report = new ReportResult(RunStatus.REPORTED, SvgErDiagramTest.shop(), preview,
                List.of(failed, ok), Duration.ZERO);

        String body = HtmlReport.body(report);

        assertThat(body).startsWith("<section id=\"am-report\">\n<h1>Database schema</h1>\n<p>Database: "
                        + "<code>jdbc:sqlite:/shop.db</code>. Model: 6 tables. Differences: 2 (1 destructive). "
                        + "Pending changesets: 1.</p>\n")
                .contains("<div class=\"am-diagram\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"am-erd\"")
                .contains("<table class=\"bodyTable table table-striped am-differences\">\n"
                        + "<tr><th>Change</th><th>Table</th><th>Safety</th><th>SQL</th></tr>\n"
                        + "<tr><td>drop column a&lt;b&gt;.x</td><td><code>a&lt;b&gt;</code></td>"
                        + "<td><span class=\"am-destructive\">destructive</span></td>"
                        + "<td><pre>CREATE TABLE t (\n  x int CHECK (x &lt; 3)\n)</pre><pre>DROP TABLE &quot;a&lt;b&gt;&quot;</pre>"
                        + "</td></tr>\n"
                        + "<tr><td>add column customer.phone</td><td><code>customer</code></td><td>safe</td>"
                        + "<td><pre>alter table customer add column phone varchar(30)</pre></td></tr>\n</table>\n")
                .contains("<p><strong>Blocked:</strong> Dropping a&lt;b&gt;.x loses data. "
                        + "Set -Dmigrate.allowDestructive=true</p>\n")
                .contains("<tr><td><code>0003_add_order</code></td><td>ana</td>"
                        + "<td><code>db/changelog/changes/0003_add_order.yaml</code></td></tr>\n")
                .contains("<tr><td>2</td><td>2026-11-23 09:00:00</td><td>2026-11-23 09:00:02</td><td>auto</td>"
                        + "<td><span class=\"am-destructive\">failed</span></td><td>drop column customer_fax"
                        + "<br>Error: Destructive change blocked</td><td>0</td></tr>\n"
                        + "<tr><td>1</td><td>2026-11-22 08:00:00</td><td>2026-11-22 08:00:01</td><td>auto</td>"
                        + "<td>ok</td><td>Create tables customer</td><td>2</td></tr>\n")
                .endsWith("</table>\n</section>\n</section>\n");
        assertThat(HtmlReport.page(report)).startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")
                .contains("<body>\n" + body + "</body>\n</html>\n");
        assertThat(HtmlReport.body(report)).as("the same state gives the same text").isEqualTo(body);
    }

    @Test
    void anEmptyStateSaysSoInEverySection() {
        PreviewResult preview = new PreviewResult(RunStatus.NO_CHANGES, "jdbc:sqlite:/new.db", false, List.of(),
                List.of(), List.of(), List.of(), Duration.ZERO);
        String body = HtmlReport.body(new ReportResult(RunStatus.REPORTED, List.of(), preview, List.of(), Duration.ZERO));
        assertThat(body).contains("<code>jdbc:sqlite:/new.db</code> (does not exist yet). Model: 0 tables.",
                "No tables in the model.", "None: the database matches the model.",
                "None: the database has run every changeset of the changelog.", "No runs recorded yet.")
                .doesNotContain("<table");
    }
}
