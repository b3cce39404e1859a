package org.automigrate.engine.schema;

import java.util.List;

/** A foreign key: columns, the referenced table and columns, and the delete and update rules. */
public record DbForeignKey(List<String> columns, String refTable, List<String> refColumns, String onDelete,
                           String onUpdate) {
    public DbForeignKey {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }
}
