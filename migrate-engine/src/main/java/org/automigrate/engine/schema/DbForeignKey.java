package org.automigrate.engine.schema;

import java.util.List;

/**
 * A foreign key: columns, the referenced table and columns, the delete and update rules, and the constraint's
 * name where the database keeps one (null on SQLite, where keys are written inline).
 */
public record DbForeignKey(List<String> columns, String refTable, List<String> refColumns, String onDelete,
                           String onUpdate, String name) {
    public DbForeignKey {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }

    public DbForeignKey(List<String> columns, String refTable, List<String> refColumns, String onDelete,
                        String onUpdate) {
        this(columns, refTable, refColumns, onDelete, onUpdate, null);
    }
}
