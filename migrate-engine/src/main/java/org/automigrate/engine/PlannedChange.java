package org.automigrate.engine;

import java.util.List;

import org.automigrate.engine.diff.Safety;

/**
 * One difference between the model and the database, with the SQL that removes it.
 *
 * @param description what changes, in words ({@code add column customer.phone})
 * @param table       the table it touches
 * @param safety      whether it can lose data
 * @param sql         the statements, in order, exactly as they are written into the changelog
 */
public record PlannedChange(String description, String table, Safety safety, List<String> sql) {
    public PlannedChange {
        sql = List.copyOf(sql);
    }
}
