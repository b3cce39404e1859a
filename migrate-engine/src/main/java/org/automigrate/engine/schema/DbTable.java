package org.automigrate.engine.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A table as the database declares it.
 *
 * @param name        table name
 * @param sql         the CREATE TABLE statement, as stored by the database (SQLite; null on a server)
 * @param columns     columns in declaration order
 * @param primaryKey  primary key columns in key order (empty if none)
 * @param foreignKeys foreign keys
 * @param uniques     unique constraints, each a list of columns
 * @param indexes     indexes created with CREATE INDEX
 * @param checks      table-level CHECK expressions, normalised
 * @param seedRows    INSERT statements for rows the table must start with (generator tables), else empty
 * @param names       the names of the table's constraints, where the database keeps them (servers)
 */
public record DbTable(String name, String sql, List<DbColumn> columns, List<String> primaryKey,
                      List<DbForeignKey> foreignKeys, List<List<String>> uniques, List<DbIndex> indexes,
                      List<String> checks, List<String> seedRows, ConstraintNames names) {
    public DbTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
        uniques = uniques.stream().map(List::copyOf).toList();
        indexes = List.copyOf(indexes);
        checks = List.copyOf(checks);
        seedRows = List.copyOf(seedRows);
        names = names == null ? ConstraintNames.NONE : names;
    }

    /** A table whose constraints have no names of their own (SQLite). */
    public DbTable(String name, String sql, List<DbColumn> columns, List<String> primaryKey,
                   List<DbForeignKey> foreignKeys, List<List<String>> uniques, List<DbIndex> indexes,
                   List<String> checks, List<String> seedRows) {
        this(name, sql, columns, primaryKey, foreignKeys, uniques, indexes, checks, seedRows, ConstraintNames.NONE);
    }

    public Optional<DbColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }
}
