package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbTable;

/** The run-level safety rules: destructive changes need permission; a run touches a bounded number of tables. */
public final class Guards {

    private Guards() {
    }

    /**
     * Blocks destructive changes unless they are allowed, naming the real reason: what the model drops (tables,
     * columns) apart from what it narrows (types whose values may not fit). Rename hints, where a change looks
     * like one, follow; none where nothing looks like a rename.
     */
    public static DiffProcessor destructive(boolean allowDestructive) {
        return diff -> {
            List<SchemaChange> destructive = diff.changes().stream().filter(c -> c.safety() == Safety.DESTRUCTIVE).toList();
            if (destructive.isEmpty() || allowDestructive) {
                return diff;
            }
            List<String> drops = destructive.stream().filter(c -> !narrowsOnly(c)).map(SchemaChange::description).toList();
            List<String> narrows = destructive.stream().filter(Guards::narrowsOnly).map(SchemaChange::description).toList();
            List<String> reasons = new ArrayList<>();
            if (!drops.isEmpty()) {
                reasons.add("The model drops data: " + String.join(", ", drops) + ".");
            }
            if (!narrows.isEmpty()) {
                reasons.add("The model narrows " + (narrows.size() == 1 ? "a column" : "columns") + " (values that do "
                        + "not fit would be cut): " + String.join(", ", narrows) + ".");
            }
            return diff.withBlocker(new SchemaDiff.Blocker(ErrorCode.DESTRUCTIVE_BLOCKED, String.join(" ", reasons)
                    + " Destructive changes are never applied unless you allow them: set "
                    + "<allowDestructive>true</allowDestructive> or -Dmigrate.allowDestructive=true once you have "
                    + "checked them with mvn migrate:preview."
                    + (diff.hints().isEmpty() ? "" : " " + String.join(" ", diff.hints()))));
        };
    }

    /** Whether a destructive change only narrows types (drops no table or column). */
    private static boolean narrowsOnly(SchemaChange change) {
        if (change instanceof SchemaChange.AlterTable alter) {
            return alter.reasons().stream().noneMatch(r -> r.startsWith("drop column "));
        }
        if (change instanceof SchemaChange.RebuildTable rebuild) {
            return rebuild.reasons().stream().noneMatch(r -> r.startsWith("drop column "));
        }
        if (change instanceof SchemaChange.AlterColumn) {
            return true;
        }
        return false;
    }

    /**
     * Spots what looks like a rename: a table that loses one column and gains one of a compatible type (also
     * when the column is in a unique constraint or index, which makes the change a table rebuild), or a dropped
     * table whose columns a created table has. Adds a hint naming the setting that keeps the data.
     */
    public static DiffProcessor renameHints() {
        return diff -> {
            SchemaDiff result = diff;
            Map<String, Map<String, DbColumn>> dropsByTable = new LinkedHashMap<>();
            Map<String, Map<String, DbColumn>> addsByTable = new LinkedHashMap<>();
            Map<String, String> tableNames = new HashMap<>();
            for (SchemaChange change : diff.changes()) {
                String key = key(change.table());
                tableNames.putIfAbsent(key, change.table());
                if (change instanceof SchemaChange.DropColumn drop) {
                    dropsByTable.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(key(drop.column().name()), drop.column());
                } else if (change instanceof SchemaChange.AddColumn add) {
                    addsByTable.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(key(add.column().name()), add.column());
                } else if (change instanceof SchemaChange.AlterTable alter) {
                    alter.live().columns().stream().filter(c -> alter.desired().column(c.name()).isEmpty())
                            .forEach(c -> dropsByTable.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(key(c.name()), c));
                    alter.desired().columns().stream().filter(c -> alter.live().column(c.name()).isEmpty())
                            .forEach(c -> addsByTable.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(key(c.name()), c));
                }
            }
            for (Map.Entry<String, Map<String, DbColumn>> entry : dropsByTable.entrySet()) {
                Map<String, DbColumn> adds = addsByTable.getOrDefault(entry.getKey(), Map.of());
                if (entry.getValue().size() != 1 || adds.size() != 1) {
                    continue;
                }
                DbColumn from = entry.getValue().values().iterator().next();
                DbColumn to = adds.values().iterator().next();
                if (!TypeChanges.narrows(SchemaComparer.normalizedType(from.type()), SchemaComparer.normalizedType(to.type()))) {
                    String table = tableNames.get(entry.getKey());
                    result = result.withHint("Was " + table + "." + from.name() + " renamed to " + to.name()
                            + "? Then set -Dmigrate.renames=" + table + "." + from.name() + "=" + to.name()
                            + " (or <renames> in the plugin configuration) to keep its data.");
                }
            }
            List<DbTable> dropped = diff.changes().stream().filter(SchemaChange.DropTable.class::isInstance)
                    .map(c -> ((SchemaChange.DropTable) c).live()).toList();
            List<DbTable> created = diff.changes().stream().filter(SchemaChange.CreateTable.class::isInstance)
                    .map(c -> ((SchemaChange.CreateTable) c).desired()).toList();
            for (DbTable old : dropped) {
                List<DbTable> counterparts = created.stream().filter(t -> sameColumns(old, t)).toList();
                if (counterparts.size() == 1 && dropped.stream().filter(d -> sameColumns(d, counterparts.get(0))).count() == 1) {
                    String to = counterparts.get(0).name();
                    result = result.withHint("Was table " + old.name() + " renamed to " + to + "? Then set "
                            + "-Dmigrate.renames=" + old.name() + "=" + to + " (or <renames>) to keep its rows.");
                }
            }
            return result;
        };
    }

    /** Whether two tables have the same column names (whatever their order and case): a renamed table's columns. */
    static boolean sameColumns(DbTable a, DbTable b) {
        Set<String> left = new TreeSet<>();
        a.columns().forEach(c -> left.add(key(c.name())));
        Set<String> right = new TreeSet<>();
        b.columns().forEach(c -> right.add(key(c.name())));
        return left.equals(right);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Blocks a run that would touch more tables than {@code max} (0: no limit). */
    public static DiffProcessor tableLimit(int max) {
        return diff -> {
            int touched = diff.touchedTables().size();
            if (max <= 0 || touched <= max) {
                return diff;
            }
            return diff.withBlocker(new SchemaDiff.Blocker(ErrorCode.TOO_MANY_TABLES,
                    "This run would change " + touched + " tables, more than maxTablesPerRun (" + max + "). "
                            + "Check the change with mvn migrate:preview, then raise <maxTablesPerRun> or "
                            + "-Dmigrate.maxTablesPerRun (0 for no limit)."));
        };
    }
}
