package org.automigrate.engine.schema;

import java.util.List;

/**
 * A column as the database declares it.
 *
 * @param name         column name
 * @param type         declared type, as written
 * @param notNull      declared NOT NULL
 * @param defaultValue the default expression as written, or {@code null}
 * @param pkPosition   1-based position in the primary key, 0 when not part of it
 * @param checks       CHECK expressions written on the column, normalised
 * @param definition   the column's definition as written in CREATE TABLE (name, type and constraints)
 */
public record DbColumn(String name, String type, boolean notNull, String defaultValue, int pkPosition,
                       List<String> checks, String definition) {
    public DbColumn {
        checks = List.copyOf(checks);
    }
}
