package org.automigrate.engine.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbTable;

/**
 * Tables as an SVG entity-relationship diagram, drawn by our own code so the page needs no JavaScript: each
 * table a box with one row per column (keys {@code PK}/{@code FK}/{@code UK}, name, declared type,
 * {@code not null} and default), one line per foreign key from the referencing column to the referenced one,
 * with a bar at the referenced end (a circle before it when the reference is optional) and a crow's foot at
 * the referencing end (a bar when the foreign key is unique: at most one row per parent).
 * <p>
 * Layout: tables are placed in columns by depth, referenced tables left of the tables referencing them (a
 * cycle is cut where it is found); a column taller than the diagram's height budget wraps into several; within
 * a column, tables follow the average position of the tables they reference, so lines cross less. Text is
 * monospace, so box widths follow from character counts. The same tables give the same text. Pure function.
 */
public final class SvgErDiagram {
    private static final double CHAR = 7.4;
    private static final int ROW = 20;
    private static final int HEAD = 26;
    private static final int PAD = 8;
    private static final int GAP_X = 90;
    private static final int GAP_Y = 28;
    private static final int MARGIN = 20;

    private static final String STYLE = ".am-erd text{font-family:ui-monospace,'DejaVu Sans Mono','Liberation Mono',"
            + "Menlo,Consolas,monospace;font-size:12px;fill:#1f2328}"
            + ".am-erd .am-box{fill:#fff;stroke:#4a6fa5;stroke-width:1.2}"
            + ".am-erd .am-head{fill:#dbe7f5;stroke:#4a6fa5;stroke-width:1.2}"
            + ".am-erd .am-stripe{fill:#f3f6fa}"
            + ".am-erd .am-title{font-weight:bold}"
            + ".am-erd .am-keys{fill:#8a4b00;font-weight:bold}"
            + ".am-erd .am-type{fill:#4b5563}"
            + ".am-erd .am-constraints{fill:#9b2c2c}"
            + ".am-erd .am-edge path,.am-erd .am-edge line{fill:none;stroke:#5b6b7c;stroke-width:1.3}"
            + ".am-erd .am-edge circle{fill:#fff;stroke:#5b6b7c;stroke-width:1.3}";

    private SvgErDiagram() {
    }

    /** The diagram as one {@code <svg>} element, for inline use in HTML. */
    public static String render(Collection<DbTable> tables) {
        if (tables.isEmpty()) {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"am-erd\" width=\"360\" height=\"60\" "
                    + "viewBox=\"0 0 360 60\" role=\"img\" aria-label=\"No tables in the model\"><style>" + STYLE
                    + "</style><text x=\"20\" y=\"34\">No tables in the model.</text></svg>";
        }
        Map<String, Box> boxes = new LinkedHashMap<>();
        tables.forEach(table -> boxes.put(key(table.name()), new Box(table)));
        place(boxes);
        int width = 0;
        int height = 0;
        for (Box box : boxes.values()) {
            width = Math.max(width, box.x + box.width + MARGIN + GAP_X / 2);
            height = Math.max(height, box.y + box.height + MARGIN);
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"am-erd\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"Entity-relationship diagram of ")
                .append(boxes.size()).append(boxes.size() == 1 ? " table" : " tables").append("\">\n<style>")
                .append(STYLE).append("</style>\n");
        for (Box box : boxes.values()) {
            for (DbForeignKey fk : box.table.foreignKeys()) {
                Box parent = boxes.get(key(fk.refTable()));
                if (parent != null) {
                    edge(svg, box, fk, parent);
                }
            }
        }
        boxes.values().forEach(box -> box.draw(svg));
        return svg.append("</svg>").toString();
    }

    /** Columns by depth (referenced tables first), wrapped at a height budget; sets every box's x and y. */
    private static void place(Map<String, Box> boxes) {
        Map<String, Integer> depth = new HashMap<>();
        boxes.keySet().forEach(name -> depth(name, boxes, depth, new HashSet<>()));
        int levels = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<Box>> byLevel = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            byLevel.add(new ArrayList<>());
        }
        boxes.forEach((name, box) -> byLevel.get(depth.get(name)).add(box));
        double area = boxes.values().stream().mapToDouble(b -> (b.width + GAP_X) * (double) (b.height + GAP_Y)).sum();
        int tallest = boxes.values().stream().mapToInt(b -> b.height).max().orElse(0);
        int budget = Math.max(tallest, (int) Math.sqrt(area / 1.6));
        Map<String, Double> order = new HashMap<>();
        int x = MARGIN;
        for (List<Box> level : byLevel) {
            level.sort(Comparator.comparingDouble((Box b) -> b.parentOrder(order)).thenComparing(b -> key(b.table.name())));
            int y = MARGIN;
            int columnWidth = 0;
            for (Box box : level) {
                if (y > MARGIN && y + box.height > MARGIN + budget) {
                    x += columnWidth + GAP_X;
                    y = MARGIN;
                    columnWidth = 0;
                }
                box.x = x;
                box.y = y;
                order.put(key(box.table.name()), (double) y + box.height / 2.0);
                y += box.height + GAP_Y;
                columnWidth = Math.max(columnWidth, box.width);
            }
            x += columnWidth + GAP_X;
        }
    }

    private static int depth(String name, Map<String, Box> boxes, Map<String, Integer> depth, Set<String> visiting) {
        Integer known = depth.get(name);
        if (known != null) {
            return known;
        }
        if (!visiting.add(name)) {
            return -1; // a cycle: this reference does not push the table further right
        }
        int level = 0;
        for (DbForeignKey fk : boxes.get(name).table.foreignKeys()) {
            String parent = key(fk.refTable());
            if (!parent.equals(name) && boxes.containsKey(parent)) {
                level = Math.max(level, depth(parent, boxes, depth, visiting) + 1);
            }
        }
        visiting.remove(name);
        depth.put(name, level);
        return level;
    }

    /**
     * A line from the referencing column's row to the referenced column's row, leaving each box on the side
     * facing the other (both on the right when they share a column), with the ends' cardinality marks.
     */
    private static void edge(StringBuilder svg, Box child, DbForeignKey fk, Box parent) {
        double childY = child.rowMiddle(fk.columns().isEmpty() ? null : fk.columns().get(0));
        String refColumn = !fk.refColumns().isEmpty() && !fk.refColumns().get(0).isEmpty() ? fk.refColumns().get(0)
                : parent.table.primaryKey().isEmpty() ? null : parent.table.primaryKey().get(0);
        double parentY = parent.rowMiddle(refColumn);
        int childDir;
        int parentDir;
        double childX;
        double parentX;
        if (child.x > parent.x) {
            childX = child.x;
            childDir = -1;
            parentX = parent.x + parent.width;
            parentDir = 1;
        } else if (child.x < parent.x) {
            childX = child.x + child.width;
            childDir = 1;
            parentX = parent.x;
            parentDir = -1;
        } else {
            childX = child.x + child.width;
            parentX = parent.x + parent.width;
            childDir = 1;
            parentDir = 1;
        }
        double bend = Math.max(40, Math.abs(childX - parentX) / 2);
        double loop = child == parent ? 36 : 0;
        boolean required = ColumnFacts.required(child.table, fk);
        boolean unique = ColumnFacts.isUnique(child.table, fk.columns());
        svg.append("<g class=\"am-edge\" data-from=\"").append(xml(child.table.name())).append("\" data-to=\"")
                .append(xml(parent.table.name())).append("\"><title>").append(xml(child.table.name())).append(" (")
                .append(xml(String.join(", ", fk.columns()))).append(") references ").append(xml(parent.table.name()))
                .append(required ? ", required" : ", optional").append(unique ? ", one row per parent" : "")
                .append("</title>");
        svg.append("<path d=\"M").append(n(childX)).append(',').append(n(childY)).append(" C")
                .append(n(childX + childDir * (bend + loop))).append(',').append(n(childY)).append(' ')
                .append(n(parentX + parentDir * (bend + loop))).append(',').append(n(parentY)).append(' ')
                .append(n(parentX)).append(',').append(n(parentY)).append("\"/>");
        // referenced end: one (a bar), optional when the referencing column may be null (a circle)
        line(svg, parentX + parentDir * 8, parentY - 6, parentX + parentDir * 8, parentY + 6);
        if (!required) {
            svg.append("<circle cx=\"").append(n(parentX + parentDir * 17)).append("\" cy=\"").append(n(parentY))
                    .append("\" r=\"4\"/>");
        }
        // referencing end: many (a crow's foot) or, when the foreign key is unique, one (a bar)
        if (unique) {
            line(svg, childX + childDir * 8, childY - 6, childX + childDir * 8, childY + 6);
        } else {
            line(svg, childX + childDir * 12, childY, childX, childY - 6);
            line(svg, childX + childDir * 12, childY, childX, childY + 6);
        }
        svg.append("</g>\n");
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2) {
        svg.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\"/>");
    }

    /** A table's box: its size from its text, its place set by {@link #place}. */
    private static final class Box {
        final DbTable table;
        final List<String[]> rows = new ArrayList<>();
        final int[] columnX = new int[4];
        final int width;
        final int height;
        int x;
        int y;

        Box(DbTable table) {
            this.table = table;
            int[] widest = new int[4];
            for (DbColumn column : table.columns()) {
                String[] row = {String.join(" ", ColumnFacts.keys(table, column)), column.name(),
                        ColumnFacts.type(column), ColumnFacts.constraints(column)};
                rows.add(row);
                for (int i = 0; i < row.length; i++) {
                    widest[i] = Math.max(widest[i], row[i].length());
                }
            }
            int at = PAD;
            for (int i = 0; i < 4; i++) {
                columnX[i] = at;
                if (widest[i] > 0) {
                    at += (int) Math.ceil(widest[i] * CHAR) + 2 * PAD;
                }
            }
            width = Math.max(at - PAD, (int) Math.ceil(table.name().length() * CHAR) + 2 * PAD);
            height = HEAD + rows.size() * ROW + 4;
        }

        double parentOrder(Map<String, Double> placed) {
            OptionalDouble average = table.foreignKeys().stream()
                    .map(fk -> placed.get(key(fk.refTable())))
                    .filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue).average();
            return average.orElse(0);
        }

        /** The middle of the column's row, in diagram coordinates; the header's for an unknown column. */
        double rowMiddle(String column) {
            for (int i = 0; column != null && i < table.columns().size(); i++) {
                if (table.columns().get(i).name().equalsIgnoreCase(column)) {
                    return y + HEAD + i * ROW + ROW / 2.0;
                }
            }
            return y + HEAD / 2.0;
        }

        void draw(StringBuilder svg) {
            svg.append("<g class=\"am-table\" data-table=\"").append(xml(table.name())).append("\" transform=\"translate(")
                    .append(x).append(',').append(y).append(")\"><title>").append(xml(table.name())).append("</title>");
            svg.append("<rect class=\"am-box\" width=\"").append(width).append("\" height=\"").append(height)
                    .append("\" rx=\"4\"/>");
            svg.append("<rect class=\"am-head\" width=\"").append(width).append("\" height=\"").append(HEAD)
                    .append("\" rx=\"4\"/>");
            svg.append("<text class=\"am-title\" x=\"").append(PAD).append("\" y=\"18\">").append(xml(table.name()))
                    .append("</text>");
            String[] classes = {"am-keys", "am-column", "am-type", "am-constraints"};
            for (int r = 0; r < rows.size(); r++) {
                int top = HEAD + r * ROW;
                svg.append("<g class=\"am-row\" data-column=\"").append(xml(rows.get(r)[1])).append("\">");
                if (r % 2 == 1) {
                    svg.append("<rect class=\"am-stripe\" x=\"1\" y=\"").append(top).append("\" width=\"")
                            .append(width - 2).append("\" height=\"").append(ROW).append("\"/>");
                }
                for (int i = 0; i < 4; i++) {
                    if (!rows.get(r)[i].isEmpty()) {
                        svg.append("<text class=\"").append(classes[i]).append("\" x=\"").append(columnX[i])
                                .append("\" y=\"").append(top + 14).append("\">").append(xml(rows.get(r)[i]))
                                .append("</text>");
                    }
                }
                svg.append("</g>");
            }
            svg.append("</g>\n");
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String n(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
