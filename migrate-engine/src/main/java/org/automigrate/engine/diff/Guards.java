package org.automigrate.engine.diff;

import java.util.List;

import org.automigrate.engine.ErrorCode;

/** The run-level safety rules: destructive changes need permission; a run touches a bounded number of tables. */
public final class Guards {

    private Guards() {
    }

    /** Blocks destructive changes unless they are allowed. */
    public static DiffProcessor destructive(boolean allowDestructive) {
        return diff -> {
            List<String> destructive = diff.changes().stream()
                    .filter(c -> c.safety() == Safety.DESTRUCTIVE).map(SchemaChange::description).toList();
            if (destructive.isEmpty() || allowDestructive) {
                return diff;
            }
            return diff.withBlocker(new SchemaDiff.Blocker(ErrorCode.DESTRUCTIVE_BLOCKED,
                    "The model drops data: " + String.join(", ", destructive) + ". Destructive changes are "
                            + "never applied unless you allow them: set <allowDestructive>true</allowDestructive> "
                            + "or -Dmigrate.allowDestructive=true once you have checked them with mvn migrate:preview."
                            + (diff.hints().isEmpty() ? " If a table or column was renamed, say so with "
                            + "-Dmigrate.renames=table.old_column=new_column (or old_table=new_table) to keep its data."
                            : " " + String.join(" ", diff.hints()))));
        };
    }

    /**
     * Spots what looks like a rename: a table that loses one column and gains one of a compatible type,
     * or a dropped table whose columns a created table has. Adds a hint naming the setting that keeps the data.
     */
    public static DiffProcessor renameHints() {
        return diff -> {
            SchemaDiff result = diff;
            java.util.Map<String, List<SchemaChange>> byTable = new java.util.LinkedHashMap<>();
            diff.changes().forEach(c -> byTable.computeIfAbsent(c.table().toLowerCase(java.util.Locale.ROOT),
                    k -> new java.util.ArrayList<>()).add(c));
            for (List<SchemaChange> changes : byTable.values()) {
                List<SchemaChange.DropColumn> drops = changes.stream().filter(SchemaChange.DropColumn.class::isInstance)
                        .map(SchemaChange.DropColumn.class::cast).toList();
                List<SchemaChange.AddColumn> adds = changes.stream().filter(SchemaChange.AddColumn.class::isInstance)
                        .map(SchemaChange.AddColumn.class::cast).toList();
                if (drops.size() == 1 && adds.size() == 1 && !TypeChanges.narrows(
                        SchemaComparer.normalizedType(drops.get(0).column().type()),
                        SchemaComparer.normalizedType(adds.get(0).column().type()))) {
                    String table = drops.get(0).table();
                    result = result.withHint("Was " + table + "." + drops.get(0).column().name() + " renamed to "
                            + adds.get(0).column().name() + "? Then set -Dmigrate.renames=" + table + "."
                            + drops.get(0).column().name() + "=" + adds.get(0).column().name()
                            + " (or <renames> in the plugin configuration) to keep its data.");
                }
            }
            List<SchemaChange.DropTable> dropped = diff.changes().stream().filter(SchemaChange.DropTable.class::isInstance)
                    .map(SchemaChange.DropTable.class::cast).toList();
            List<SchemaChange.CreateTable> created = diff.changes().stream().filter(SchemaChange.CreateTable.class::isInstance)
                    .map(SchemaChange.CreateTable.class::cast).toList();
            if (dropped.size() == 1 && created.size() == 1) {
                result = result.withHint("Was table " + dropped.get(0).table() + " renamed to " + created.get(0).table()
                        + "? Then set -Dmigrate.renames=" + dropped.get(0).table() + "=" + created.get(0).table()
                        + " to keep its rows.");
            }
            return result;
        };
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
