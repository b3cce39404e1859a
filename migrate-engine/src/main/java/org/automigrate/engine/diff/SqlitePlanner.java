package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.DbTable;
import org.automigrate.engine.schema.SqliteSchemaReader;

/**
 * Decides how each change is made on SQLite, whose ALTER TABLE only adds, drops and renames. Every
 * change it cannot make in place turns the table's changes into one {@link SchemaChange.RebuildTable}
 * that copies every row. Values for a new NOT NULL column, or for NULLs in a column that becomes NOT
 * NULL, come from the column's declared default or from the {@code defaults} setting; without either,
 * on a table that holds such rows, the run is stopped with the table, the column, the count and the fixes.
 */
public final class SqlitePlanner implements DiffProcessor {

    /** The facts about live data the plan depends on. */
    public interface LiveData {
        long rows(String table);

        long nulls(String table, String column);
    }

    private final DbSchema desiredSchema;
    private final LiveData data;
    private final Map<String, String> defaults;

    /**
     * @param defaults one-off values by lower-case {@code table.column}, as SQL literals
     */
    public SqlitePlanner(DbSchema desiredSchema, LiveData data, Map<String, String> defaults) {
        this.desiredSchema = desiredSchema;
        this.data = data;
        this.defaults = defaults;
    }

    @Override
    public SchemaDiff process(SchemaDiff diff) {
        Map<String, List<String>> obstacles = new LinkedHashMap<>();
        for (SchemaChange change : diff.changes()) {
            String reason = inPlaceObstacle(change);
            if (reason != null) {
                obstacles.computeIfAbsent(key(change.table()), k -> new ArrayList<>()).add(reason);
            }
        }
        if (obstacles.isEmpty()) {
            return diff;
        }
        List<SchemaDiff.Blocker> blockers = new ArrayList<>(diff.blockers());
        List<SchemaChange> changes = new ArrayList<>();
        Set<String> rebuilt = new LinkedHashSet<>();
        for (SchemaChange change : diff.changes()) {
            String table = key(change.table());
            if (!obstacles.containsKey(table) || change instanceof SchemaChange.RenameColumn
                    || change instanceof SchemaChange.RenameTable) {
                changes.add(change);
            } else if (rebuilt.add(table)) {
                List<SchemaChange> ofTable = diff.changes().stream().filter(c -> key(c.table()).equals(table)
                        && !(c instanceof SchemaChange.RenameColumn) && !(c instanceof SchemaChange.RenameTable)).toList();
                changes.add(rebuild(ofTable, blockers));
            }
        }
        return new SchemaDiff(changes, blockers, diff.hints());
    }

    private SchemaChange rebuild(List<SchemaChange> ofTable, List<SchemaDiff.Blocker> blockers) {
        DbTable desired = null;
        DbTable live = null;
        List<String> reasons = new ArrayList<>();
        boolean destructive = false;
        for (SchemaChange change : ofTable) {
            destructive |= change.safety() == Safety.DESTRUCTIVE;
            if (change instanceof SchemaChange.AlterTable alter) {
                desired = alter.desired();
                live = alter.live();
                reasons.addAll(alter.reasons());
            } else if (change instanceof SchemaChange.AddColumn add) {
                desired = add.desired();
                live = add.live();
                reasons.add("add column " + add.column().name());
            } else if (change instanceof SchemaChange.DropColumn drop) {
                live = drop.live();
                reasons.add("drop column " + drop.column().name());
            } else if (change instanceof SchemaChange.CreateIndex || change instanceof SchemaChange.DropIndex) {
                reasons.add(change.description().replace(" on " + change.table(), ""));
            }
        }
        if (desired == null) {
            desired = desiredSchema.table(ofTable.get(0).table()).orElseThrow();
        }
        reasons = new ArrayList<>(new LinkedHashSet<>(reasons));
        List<String> columns = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        long rows = data.rows(live.name());
        for (DbColumn column : desired.columns()) {
            String fill = fillValue(desired, column);
            var old = live.column(column.name());
            if (old.isPresent()) {
                String expression = SqliteSchemaReader.identifier(old.get().name());
                if (column.notNull() && !old.get().notNull() && column.pkPosition() == 0) {
                    long nulls = data.nulls(live.name(), old.get().name());
                    if (fill != null && nulls > 0) {
                        expression = "coalesce(" + expression + ", " + fill + ")";
                    } else if (nulls > 0) {
                        blockers.add(new SchemaDiff.Blocker(ErrorCode.NOT_NULL_WITHOUT_DEFAULT,
                                notNullMessage(desired.name(), column.name(), nulls, true)));
                    }
                }
                columns.add(column.name());
                sources.add(expression);
            } else if (column.notNull() && column.defaultValue() == null) {
                if (fill != null) {
                    columns.add(column.name());
                    sources.add(fill);
                } else if (rows > 0) {
                    blockers.add(new SchemaDiff.Blocker(ErrorCode.NOT_NULL_WITHOUT_DEFAULT,
                            notNullMessage(desired.name(), column.name(), rows, false)));
                }
            }
        }
        List<String> children = children(desired);
        return new SchemaChange.RebuildTable(desired, live, reasons, columns, sources, children,
                destructive ? Safety.DESTRUCTIVE : Safety.SAFE);
    }

    /** The tables whose foreign keys reference {@code parent}. */
    private List<String> children(DbTable parent) {
        List<String> children = new ArrayList<>();
        for (DbTable table : desiredSchema.tables()) {
            if (!table.key().equals(parent.key())
                    && table.foreignKeys().stream().anyMatch(fk -> fk.refTable().equalsIgnoreCase(parent.name()))) {
                children.add(table.name());
            }
        }
        return children;
    }

    /** The value that fills a column where the old rows have none: its default, or the configured one. */
    private String fillValue(DbTable table, DbColumn column) {
        String configured = defaults.get(key(table.name() + "." + column.name()));
        if (configured != null) {
            return configured;
        }
        return column.defaultValue();
    }

    /** Why the change cannot be made by ALTER TABLE, or {@code null} if it can. */
    private String inPlaceObstacle(SchemaChange change) {
        if (change instanceof SchemaChange.AlterTable alter) {
            return String.join("; ", alter.reasons());
        }
        if (change instanceof SchemaChange.DropColumn drop) {
            return dropObstacle(drop);
        }
        if (!(change instanceof SchemaChange.AddColumn add)) {
            return null;
        }
        DbColumn column = add.column();
        String name = column.name();
        String def = column.definition().toLowerCase(Locale.ROOT);
        if (column.pkPosition() > 0 || def.contains("primary key")) {
            return "add primary key column " + name;
        }
        boolean unique = add.desired().uniques().stream()
                .anyMatch(u -> u.stream().anyMatch(c -> c.equalsIgnoreCase(name)));
        if (unique) {
            return "add unique column " + name;
        }
        String dflt = column.defaultValue();
        if (column.notNull() && dflt == null) {
            return "add not null column " + name + " without a default";
        }
        if (dflt != null && (dflt.startsWith("(") || dflt.toLowerCase(Locale.ROOT).startsWith("current_"))) {
            return "add column " + name + " with the non-constant default " + dflt;
        }
        return null;
    }

    private static String dropObstacle(SchemaChange.DropColumn drop) {
        DbTable live = drop.live();
        String name = drop.column().name();
        boolean constrained = drop.column().pkPosition() > 0
                || live.uniques().stream().anyMatch(u -> contains(u, name))
                || live.indexes().stream().anyMatch(i -> contains(i.columns(), name))
                || live.foreignKeys().stream().anyMatch(fk -> contains(fk.columns(), name));
        return constrained ? "drop the indexed or constrained column " + name : null;
    }

    private static boolean contains(List<String> columns, String name) {
        return columns.stream().anyMatch(c -> c.equalsIgnoreCase(name));
    }

    static String notNullMessage(String table, String column, long rows, boolean existing) {
        String problem = existing
                ? "Cannot make " + table + "." + column + " NOT NULL: " + rows + " row" + (rows == 1 ? "" : "s")
                        + " of table " + table + " hold NULL there"
                : "Cannot add the NOT NULL column " + table + "." + column + ": table " + table + " holds " + rows
                        + " row" + (rows == 1 ? "" : "s");
        return problem + " and the column has no default to fill " + (rows == 1 ? "it" : "them") + " with. "
                + "Fix one of: declare a default on the field (e.g. Hibernate's @ColumnDefault(\"0\") with "
                + "@Column(nullable = false); it needs org.hibernate.orm:hibernate-core as a compile-scope "
                + "dependency); make the column nullable (@Column(nullable = true)); or give a "
                + "one-off value for the existing rows with -Dmigrate.defaults=" + table + "." + column
                + "=<value> (or <defaults> in the plugin configuration). Nothing was changed.";
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
