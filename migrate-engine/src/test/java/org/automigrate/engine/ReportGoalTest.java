package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.automigrate.engine.report.MarkdownReport;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} on real SQLite files: the model, what auto would do and the runs; it writes nothing. */
class ReportGoalTest {
    @TempDir
    Path dir;

    @Test
    void theReportShowsTheModelTheDifferenceAndTheRunsAndChangesNothing() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        String before = DbChecksum.ofFile(project.db);
        int changeFiles = project.changeFiles().size();

        ReportResult report = project.engine("v2").report();

        assertThat(report.model()).extracting(t -> t.name())
                .containsExactly("customer", "order_line", "product", "purchase_order", "region", "region_SEQ");
        assertThat(report.preview().changes()).extracting(PlannedChange::description)
                .contains("create table region", "add column customer.phone");
        assertThat(report.history()).hasSize(1);
        String markdown = MarkdownReport.render(report);
        assertThat(markdown)
                .contains("Model: 6 tables. Differences: 5 (0 destructive). Pending changesets: 0.")
                .contains("```mermaid\nerDiagram\n    customer {\n        INTEGER id PK\n")
                .contains("        varchar(255) email UK\n")
                .contains("        bigint region_id FK\n")
                .contains("    region |o--o{ customer : \"region_id\"\n")
                .contains("    customer ||--o{ purchase_order : \"customer_id\"\n")
                .contains("    purchase_order ||--o{ order_line : \"order_id\"\n")
                .contains("| add column customer.phone | <code>customer</code> | safe | "
                        + "<code>alter table customer add column phone varchar(255)</code> |")
                .containsPattern("\\| 1 \\| \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d "
                        + "\\| auto \\| ok \\| Create tables ");
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(before);
        assertThat(project.changeFiles()).hasSize(changeFiles);
    }

    @Test
    void theReportOfADatabaseThatDoesNotExistCreatesNone() {
        Project project = new Project(dir);

        String markdown = MarkdownReport.render(project.engine("v1").report());

        assertThat(markdown).contains("(does not exist yet)").contains("Differences: 4 (0 destructive)")
                .contains("No runs recorded yet.");
        assertThat(project.db).doesNotExist();
        assertThat(dir.resolve("src")).doesNotExist();
    }
}
