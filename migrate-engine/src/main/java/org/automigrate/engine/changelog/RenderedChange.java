package org.automigrate.engine.changelog;

import java.util.List;

import org.automigrate.engine.PlannedChange;
import org.automigrate.engine.diff.SchemaChange;

/**
 * A change with its SQL.
 *
 * @param change      the change
 * @param sql         the statements that make it, in order
 * @param rollback    the statements that undo it, in order, or {@code null} when it cannot be undone
 * @param transactional false when the SQL manages its own transaction (a table rebuild must switch foreign
 *                    keys off outside any transaction), so it runs in a changeset of its own
 */
public record RenderedChange(SchemaChange change, List<String> sql, List<String> rollback, boolean transactional) {
    public RenderedChange {
        sql = List.copyOf(sql);
        rollback = rollback == null ? null : List.copyOf(rollback);
    }

    public PlannedChange planned() {
        return new PlannedChange(change.description(), change.table(), change.safety(), sql);
    }
}
