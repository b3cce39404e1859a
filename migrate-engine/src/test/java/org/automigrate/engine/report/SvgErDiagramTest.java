package org.automigrate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbTable;
import org.junit.jupiter.api.Test;

class SvgErDiagramTest {
    private static final Pattern BOX = Pattern.compile(
            "<g class=\"am-table\" data-table=\"([^\"]+)\" transform=\"translate\\((\\d+),(\\d+)\\)\">.*?"
                    + "<rect class=\"am-box\" width=\"(\\d+)\" height=\"(\\d+)\"");

    static DbColumn column(String name, String type, boolean notNull, String dflt, int pk) {
        return new DbColumn(name, type, notNull, dflt, pk, List.of(), name + " " + type);
    }

    static DbForeignKey fk(String column, String refTable) {
        return new DbForeignKey(List.of(column), refTable, List.of("id"), "NO ACTION", "NO ACTION");
    }

    static DbTable table(String name, List<DbColumn> columns, List<DbForeignKey> fks, List<List<String>> uniques) {
        List<String> pk = columns.stream().filter(c -> c.pkPosition() > 0).map(DbColumn::name).toList();
        return new DbTable(name, "", columns, pk, fks, uniques, List.of(), List.of(), List.of());
    }

    /** A shop: three levels of references, an optional one, a one-to-one, a self-reference, odd names. */
    static List<DbTable> shop() {
        DbColumn id = column("id", "bigint", true, null, 1);
        return List.of(
                table("customer", List.of(id, column("email", "varchar(120)", true, null, 0),
                        column("created_at", "timestamp", true, "CURRENT_TIMESTAMP", 0)), List.of(),
                        List.of(List.of("email"))),
                table("customer_profile", List.of(id, column("customer_id", "bigint", true, null, 0),
                        column("bio", "text", false, null, 0)), List.of(fk("customer_id", "customer")),
                        List.of(List.of("customer_id"))),
                table("employee", List.of(id, column("manager_id", "bigint", false, null, 0),
                        column("name", "varchar(80)", true, null, 0)), List.of(fk("manager_id", "employee")), List.of()),
                table("order_line", List.of(id, column("order_id", "bigint", true, null, 0),
                        column("product_id", "bigint", false, null, 0), column("quantity", "integer", true, "1", 0)),
                        List.of(fk("order_id", "purchase_order"), fk("product_id", "product")), List.of()),
                table("product", List.of(id, column("price", "numeric(21,2)", true, null, 0),
                        column("active", "boolean", true, "true", 0)), List.of(), List.of()),
                table("purchase_order", List.of(id, column("customer_id", "bigint", true, null, 0),
                        column("note <&>", "varchar(200)", false, null, 0)), List.of(fk("customer_id", "customer")),
                        List.of()));
    }

    @Test
    void drawsEveryTableWithTypesConstraintsAndKeysAndEveryForeignKey() {
        String svg = SvgErDiagram.render(shop());

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"am-erd\" width=\"")
                .endsWith("</svg>")
                .contains("aria-label=\"Entity-relationship diagram of 6 tables\"")
                .contains("<g class=\"am-row\" data-column=\"price\">")
                .contains(">price</text><text class=\"am-type\" x=\"")
                .contains(">numeric(21,2)</text><text class=\"am-constraints\"")
                .contains(">not null, default CURRENT_TIMESTAMP</text>")
                .contains("<text class=\"am-keys\" x=\"8\" y=\"40\">PK</text>")
                .contains(">FK UK</text>", ">UK</text>", ">note &lt;&amp;&gt;</text>");
        assertThat(count(svg, "<g class=\"am-edge\"")).isEqualTo(5);
        assertThat(svg).contains("<title>order_line (product_id) references product, optional</title>")
                .contains("<title>order_line (order_id) references purchase_order, required</title>")
                .contains("<title>customer_profile (customer_id) references customer, required, one row per parent</title>")
                .contains("<title>employee (manager_id) references employee, optional</title>");
    }

    @Test
    void placesReferencedTablesLeftOfTheirReferencesWithoutOverlaps() {
        Map<String, int[]> boxes = boxes(SvgErDiagram.render(shop()));
        assertThat(boxes.keySet()).containsExactlyInAnyOrder("customer", "customer_profile", "employee", "order_line",
                "product", "purchase_order");
        assertThat(right(boxes.get("customer"))).isLessThan(boxes.get("purchase_order")[0]);
        assertThat(right(boxes.get("purchase_order"))).isLessThan(boxes.get("order_line")[0]);
        assertThat(right(boxes.get("product"))).isLessThan(boxes.get("order_line")[0]);
        assertNoOverlaps(boxes);
    }

    @Test
    void aManyTableModelWrapsIntoColumnsAndStaysRoughlyWide() {
        List<DbTable> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(table("t" + i, List.of(column("id", "integer", true, null, 1),
                    column("name", "varchar(40)", false, null, 0)), i == 0 ? List.of() : List.of(fk("id", "t" + (i / 2))),
                    List.of()));
        }
        String svg = SvgErDiagram.render(many);
        Map<String, int[]> boxes = boxes(svg);
        assertThat(boxes).hasSize(60);
        assertNoOverlaps(boxes);
        Matcher size = Pattern.compile("width=\"(\\d+)\" height=\"(\\d+)\"").matcher(svg);
        assertThat(size.find()).isTrue();
        int width = Integer.parseInt(size.group(1));
        int height = Integer.parseInt(size.group(2));
        assertThat(width).as("wider than tall").isGreaterThan(height);
        assertThat(width).as("not one long row").isLessThan(height * 6);
    }

    @Test
    void anEmptyModelSaysSo() {
        assertThat(SvgErDiagram.render(List.of())).contains("No tables in the model.");
    }

    static Map<String, int[]> boxes(String svg) {
        Map<String, int[]> boxes = new LinkedHashMap<>();
        Matcher m = BOX.matcher(svg);
        while (m.find()) {
            boxes.put(m.group(1), new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))});
        }
        return boxes;
    }

    private static int right(int[] box) {
        return box[0] + box[2];
    }

    private static void assertNoOverlaps(Map<String, int[]> boxes) {
        List<String> names = new ArrayList<>(boxes.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                int[] a = boxes.get(names.get(i));
                int[] b = boxes.get(names.get(j));
                boolean apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
                assertThat(apart).as(names.get(i) + " and " + names.get(j) + " overlap").isTrue();
            }
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
