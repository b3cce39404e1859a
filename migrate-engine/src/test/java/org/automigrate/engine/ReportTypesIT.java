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
            List<String> expected = switch (kind) {
                case SQLITE -> List.of("numeric(21,2) balance \"not null\"", "varchar(120) owner UK \"not null\"",
                        "timestamp opened", "boolean active \"not null\"", "bigint account_id FK \"not null\"",
                        "numeric(21,2) amount\n", "timestamp at\n");
                case POSTGRESQL -> List.of("numeric(21,2) balance \"not null\"", "varchar(120) owner UK \"not null\"",
                        "timestamp opened", "boolean active \"not null\"", "bigint account_id FK \"not null\"",
                        "bigint id PK \"not null", "numeric(21,2) amount\n", "timestamp_with_time_zone at\n");
                case MARIADB -> List.of("decimal(21,2) balance \"not null\"", "varchar(120) owner UK \"not null\"",
                        "datetime opened", "bit active \"not null\"", "bigint account_id FK \"not null\"",
                        "bigint id PK \"not null", "decimal(21,2) amount\n", "datetime at\n");
            };
            assertThat(markdown).contains(expected).contains("account ||--o{ movement : \"account_id\"")
                    .doesNotContain("int8", "bool ", "timestamptz", "numeric(21_2)", "numeric \n");
            for (String line : expected) {
                String[] words = line.strip().split(" ");
                assertThat(html).as(kind + ": " + line).contains(">" + words[0].replace('_', ' ') + "</text>");
            }
            assertThat(html).contains("<text class=\"am-keys\" x=\"8\" y=\"40\">PK</text>", ">FK</text>", ">UK</text>",
                    "<title>movement (account_id) references account, required</title>");
        }
    }
}
