package org.automigrate.engine.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbIndex;
import org.automigrate.engine.schema.DbTable;

/** What the diagrams say about a column and a foreign key, the same in Mermaid and SVG. */
final class ColumnFacts {
    private ColumnFacts() {
    }

    /** {@code PK}, {@code FK}, {@code UK}: primary key, in a foreign key, unique on its own (not the key). */
    static List<String> keys(DbTable table, DbColumn column) {
        List<String> keys = new ArrayList<>();
        if (column.pkPosition() > 0) {
            keys.add("PK");
        }
        if (table.foreignKeys().stream().anyMatch(fk -> containsIgnoreCase(fk.columns(), column.name()))) {
            keys.add("FK");
        }
        if (column.pkPosition() == 0 && isUnique(table, List.of(column.name()))) {
            keys.add("UK");
        }
        return keys;
    }

    /** {@code not null} and the default, as declared; empty for a nullable column without a default. */
    static String constraints(DbColumn column) {
        List<String> parts = new ArrayList<>();
        if (column.notNull()) {
            parts.add("not null");
        }
        if (column.defaultValue() != null) {
            parts.add("default " + column.defaultValue());
        }
        return String.join(", ", parts);
    }

    /**
     * The column type as declared; {@code untyped} for a SQLite column declared without one. A server's catalog
     * spelling is shortened to the DDL one ({@code character varying(120)} is {@code varchar(120)}, PostgreSQL's
     * default {@code without time zone} and MariaDB's integer display widths are left out).
     */
    static String type(DbColumn column) {
        if (column.type() == null || column.type().isBlank()) {
            return "untyped";
        }
        String type = column.type().strip().replace("character varying", "varchar").replace(" without time zone", "");
        return type.matches("(smallint|mediumint|int|integer|bigint)\\(\\d+\\).*")
                ? type.replaceFirst("\\(\\d+\\)", "") : type;
    }

    /** True when every column of the foreign key is NOT NULL: each row references a parent. */
    static boolean required(DbTable table, DbForeignKey fk) {
        return fk.columns().stream().allMatch(name -> table.column(name).map(DbColumn::notNull).orElse(false));
    }

    /** True when these columns are the primary key or carry a unique constraint or unique index. */
    static boolean isUnique(DbTable table, List<String> columns) {
        Set<String> wanted = lower(columns);
        if (lower(table.primaryKey()).equals(wanted)) {
            return true;
        }
        return table.uniques().stream().anyMatch(unique -> lower(unique).equals(wanted))
                || table.indexes().stream().filter(DbIndex::unique)
                        .anyMatch(index -> lower(index.columns()).equals(wanted));
    }

    static boolean containsIgnoreCase(List<String> names, String name) {
        return names.stream().anyMatch(name::equalsIgnoreCase);
    }

    private static Set<String> lower(List<String> names) {
        Set<String> result = new HashSet<>();
        names.forEach(name -> result.add(name.toLowerCase(Locale.ROOT)));
        return result;
    }
}
