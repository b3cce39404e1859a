package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.report.HtmlReport;
import org.automigrate.engine.report.MarkdownReport;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report shows each database's declared types (precision and scale, lengths), NOT NULL and the key
 * markers, on SQLite, PostgreSQL and MariaDB: the Markdown's Mermaid diagram and the HTML page's SVG.
 */
class ReportTypesIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theReportShowsDeclaredTypesNotNullAndKeys(DatabaseKind kind) throws Exception {
        Project project = new Project(dir);
        try (Servers.Database db = kind == DatabaseKind.SQLITE ? null : ServerScenarioIT.database(kind)) {
            Engine engine = db == null ? project.engine("reported")
                    : ServerScenarioIT.engine(project, db, "reported");
            assertThat(engine.auto().status()).isEqualTo(RunStatus.APPLIED);
            ReportResult report = engine.report();
            String markdown = MarkdownReport.render(report);
            String html = HtmlReport.body(report);
            System.out.println(kind + ":\n" + markdown.substring(markdown.indexOf("```mermaid"), markdown.indexOf("```\n\n")));
            // each column: its Mermaid line, then its declared type as the SVG diagram shows it
            List<String[]> expected = switch (kind) {
                case SQLITE -> List.of(
                        new String[] {"numeric balance \"numeric(21,2), not null\"", "numeric(21,2)"},
                        new String[] {"varchar(120) owner UK \"not null\"", "varchar(120)"},
                        new String[] {"timestamp opened\n", "timestamp"},
                        new String[] {"boolean active \"not null\"", "boolean"},
                        new String[] {"bigint account_id FK \"not null\"", "bigint"},
                        new String[] {"numeric amount \"numeric(21,2)\"", "numeric(21,2)"});
                case POSTGRESQL -> List.of(
                        new String[] {"numeric balance \"numeric(21,2), not null\"", "numeric(21,2)"},
                        new String[] {"varchar(120) owner UK \"not null\"", "varchar(120)"},
                        new String[] {"timestamp(6) opened\n", "timestamp(6)"},
                        new String[] {"boolean active \"not null\"", "boolean"},
                        new String[] {"bigint id PK \"not null\"", "bigint"},
                        new String[] {"bigint account_id FK \"not null\"", "bigint"},
                        new String[] {"timestamp at \"timestamp(6) with time zone\"", "timestamp(6) with time zone"});
                case MARIADB -> List.of(
                        new String[] {"decimal balance \"decimal(21,2), not null\"", "decimal(21,2)"},
                        new String[] {"varchar(120) owner UK \"not null\"", "varchar(120)"},
                        new String[] {"datetime(6) opened\n", "datetime(6)"},
                        new String[] {"bit(1) active \"not null\"", "bit(1)"},
                        new String[] {"bigint id PK \"not null\"", "bigint"},
                        new String[] {"bigint account_id FK \"not null\"", "bigint"});
            };
            assertThat(markdown).contains("account ||--o{ movement : \"account_id\"")
                    .doesNotContain("int8", "bool ", "timestamptz", "numeric(21_2)", "numeric \n");
            for (String[] column : expected) {
                assertThat(markdown).as(kind + ": the Mermaid line").contains(column[0]);
                assertThat(html).as(kind + ": the SVG type").contains(">" + column[1] + "</text>");
            }
            assertThat(html).contains("<text class=\"am-keys\" x=\"8\" y=\"40\">PK</text>", ">FK</text>", ">UK</text>",
                    "<title>movement (account_id) references account, required</title>");
        }
    }
}
