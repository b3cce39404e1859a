package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbTable;

/**
 * Decides how each change can be made on SQLite, whose ALTER TABLE only adds, drops and renames:
 * a change SQLite cannot make in place on a table without rows becomes a {@link
 * SchemaChange.RecreateEmptyTable}; on a table with rows it becomes a blocker that names the table,
 * the column and the fixes. A NOT NULL column without a default on a table with rows is always a
 * blocker: there is no value to give the existing rows.
 */
public final class SqliteCapabilities implements DiffProcessor {
    private final ToLongFunction<String> rowCount;

    /** @param rowCount the number of rows of a live table */
    public SqliteCapabilities(ToLongFunction<String> rowCount) {
        this.rowCount = rowCount;
    }

    @Override
    public SchemaDiff process(SchemaDiff diff) {
        Map<String, List<String>> recreate = new LinkedHashMap<>();
        Map<String, DbTable> desiredOf = new LinkedHashMap<>();
        List<SchemaDiff.Blocker> blockers = new ArrayList<>(diff.blockers());
        for (SchemaChange change : diff.changes()) {
            String key = change.table().toLowerCase(Locale.ROOT);
            String reason = inPlaceObstacle(change);
            if (reason == null) {
                continue;
            }
            long rows = rowCount.applyAsLong(change.table());
            if (rows == 0) {
                recreate.computeIfAbsent(key, k -> new ArrayList<>()).add(reason);
                desiredOf.put(key, desired(change));
            } else if (change instanceof SchemaChange.AddColumn add && add.column().notNull()
                    && add.column().defaultValue() == null) {
                blockers.add(new SchemaDiff.Blocker(ErrorCode.NOT_NULL_WITHOUT_DEFAULT, notNullMessage(add, rows)));
            } else {
                blockers.add(new SchemaDiff.Blocker(ErrorCode.UNSUPPORTED_CHANGE,
                        "Table " + change.table() + " holds " + rows + " rows and needs a rebuild to "
                                + reason + "; this version rebuilds only empty SQLite tables. Revert that "
                                + "change of the model, or migrate the table by hand."));
            }
        }
        if (recreate.isEmpty() && blockers.size() == diff.blockers().size()) {
            return diff;
        }
        List<SchemaChange> changes = new ArrayList<>();
        for (SchemaChange change : diff.changes()) {
            String key = change.table().toLowerCase(Locale.ROOT);
            if (!recreate.containsKey(key)) {
                changes.add(change);
            } else if (desiredOf.containsKey(key)) {
                changes.add(new SchemaChange.RecreateEmptyTable(desiredOf.remove(key), recreate.get(key)));
            }
        }
        return new SchemaDiff(changes, blockers);
    }

    private static DbTable desired(SchemaChange change) {
        if (change instanceof SchemaChange.AddColumn add) {
            return add.desired();
        }
        return ((SchemaChange.AlterTable) change).desired();
    }

    /** Why the change cannot be made by ALTER TABLE, or {@code null} if it can. */
    private static String inPlaceObstacle(SchemaChange change) {
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

    private static String notNullMessage(SchemaChange.AddColumn add, long rows) {
        String table = add.table();
        String column = add.column().name();
        return "Cannot add the NOT NULL column " + table + "." + column + ": table " + table + " holds " + rows
                + " row" + (rows == 1 ? "" : "s") + " and the column has no default to fill them with. "
                + "Fix one of: declare a default on the field (e.g. @ColumnDefault(\"0\") with "
                + "@Column(nullable = false)), or make the column nullable (@Column(nullable = true)) "
                + "and fill it in a later changeset. Nothing was changed.";
    }
}
