package org.automigrate.engine.schema;

import java.util.List;

/**
 * An index created by {@code CREATE INDEX} (not one backing a key constraint).
 *
 * @param sql the statement that created it, as stored by the database
 */
public record DbIndex(String name, boolean unique, List<String> columns, String sql) {
    public DbIndex {
        columns = List.copyOf(columns);
    }
}
