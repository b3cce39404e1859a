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
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbIndex;
import org.automigrate.engine.schema.DbTable;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static DbColumn column(String name, String type, boolean notNull, int pk) {
        return new DbColumn(name, type, notNull, null, pk, List.of(), name + " " + type);
    }

    private static DbTable table(String name, List<DbColumn> columns, List<DbForeignKey> fks,
                                 List<List<String>> uniques, List<DbIndex> indexes) {
        List<String> pk = columns.stream().filter(c -> c.pkPosition() > 0).map(DbColumn::name).toList();
        return new DbTable(name, "", columns, pk, fks, uniques, indexes, List.of(), List.of());
    }

    @Test
    void namesMermaidCannotTakeAreSanitisedAndKeptApart() {
        DbTable shopOrder = table("shop.order", List.of(column("id", "INTEGER", true, 1)), List.of(), List.of(),
                List.of());
        DbTable items = table("order items", List.of(
                        column("id", "INTEGER", true, 1),
                        column("unit price", "numeric(10,2)", false, 0),
                        column("say \"hi\"", "", false, 0),
                        new DbColumn("order", "bigint", true, "0", 0, List.of(), "order bigint not null default 0"),
                        column("code", "double precision", false, 0)),
                List.of(new DbForeignKey(List.of("order"), "shop.order", List.of("id"), "NO ACTION", "NO ACTION")),
                List.of(List.of("order")),
                List.of(new DbIndex("ux_code", true, List.of("code"), "CREATE UNIQUE INDEX ...")));
        DbTable clash = table("order_items", List.of(column("2fa", "int", false, 0)), List.of(), List.of(), List.of());

        assertThat(MermaidErDiagram.render(List.of(items, clash, shopOrder))).containsExactly(
                "erDiagram",
                "    %% order_items is the table \"order items\"",
                "    order_items {",
                "        INTEGER id PK \"not null\"",
                "        numeric unit_price \"unit price, numeric(10,2)\"",
                "        untyped say__hi_ \"say 'hi'\"",
                "        bigint order FK, UK \"not null, default 0\"",
                "        double code UK \"double precision\"",
                "    }",
                "    %% order_items_2 is the table \"order_items\"",
                "    order_items_2 {",
                "        int t_2fa \"2fa\"",
                "    }",
                "    %% shop_order is the table \"shop.order\"",
                "    shop_order {",
                "        INTEGER id PK \"not null\"",
                "    }",
                "    shop_order ||--o| order_items : \"order\"");
    }

    @Test
    void differencesPendingChangesetsAndRunsAreTablesAndListsThatSurviveAnyText() {
        PlannedChange drop = new PlannedChange("drop column a|b.*x*", "a|b", Safety.DESTRUCTIVE,
                List.of("CREATE TABLE t (\n  x int CHECK (x < 3)\n)", "DROP TABLE \"a|b\""));
        PreviewResult preview = new PreviewResult(RunStatus.DRY_RUN, "jdbc:sqlite:/shop.db", true,
                List.of(new PendingChangeset("0003", "ana", "db/changelog/changes/0003_add_order.yaml")), List.of(drop),
                List.of("Dropping a|b.x loses data. Set -Dmigrate.allowDestructive=true"), List.of(), Duration.ZERO);
        HistoryEntry failed = new HistoryEntry(2, Instant.parse("2026-11-23T09:00:00Z"),
                Instant.parse("2026-11-23T09:00:02Z"), "auto", HistoryEntry.FAILED, "drop column customer_fax",
                List.of(), List.of(), null, "Destructive change blocked\nSet -Dmigrate.allowDestructive=true");
        ReportResult report = new ReportResult(RunStatus.REPORTED, List.of(), preview, List.of(failed), Duration.ZERO);

        String markdown = MarkdownReport.render(report);

        assertThat(markdown).startsWith("# Schema report\n\nDatabase: <code>jdbc:sqlite:/shop.db</code>. "
                        + "Model: 0 tables. Differences: 1 (1 destructive). Pending changesets: 1.\n")
                .contains("```mermaid\nerDiagram\n```\n")
                .contains("| Change | Table | Safety | SQL |\n|---|---|---|---|\n"
                        + "| drop column a\\|b.\\*x\\* | <code>a\\|b</code> | **destructive** | "
                        + "<code>CREATE TABLE t (<br>  x int CHECK (x &lt; 3)<br>)</code><br>"
                        + "<code>DROP TABLE \"a\\|b\"</code> |\n")
                .contains("\n**Blocked:** Dropping a\\|b.x loses data. Set -Dmigrate.allowDestructive=true\n")
                .contains("## Pending changesets\n\n"
                        + "- <code>db/changelog/changes/0003\\_add\\_order.yaml::0003::ana</code>\n")
                .contains("| 2 | 2026-11-23 09:00:00 | auto | **failed** | drop column customer\\_fax"
                        + "<br>Error: Destructive change blocked |\n");
    }
}
