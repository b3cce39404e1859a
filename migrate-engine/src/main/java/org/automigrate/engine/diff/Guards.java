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
                            + "or -Dmigrate.allowDestructive=true once you have checked them with mvn migrate:preview. "
                            + "If a table or column was renamed, rename it in the model's @Table/@Column instead."));
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
