package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.automigrate.engine.ErrorCode;

/**
 * The differences between the model and the database, and what stops them from being applied.
 *
 * @param changes  the changes, in the order they are applied
 * @param blockers problems that stop a run before it touches anything
 * @param hints    suggestions for the user (e.g. a rename that would keep data a drop would lose)
 */
public record SchemaDiff(List<SchemaChange> changes, List<Blocker> blockers, List<String> hints) {

    /** A reason not to apply the diff, with the error code it fails with. */
    public record Blocker(ErrorCode code, String message) {
    }

    public SchemaDiff {
        changes = List.copyOf(changes);
        blockers = List.copyOf(blockers);
        hints = List.copyOf(hints);
    }

    public SchemaDiff(List<SchemaChange> changes, List<Blocker> blockers) {
        this(changes, blockers, List.of());
    }

    public static SchemaDiff of(List<SchemaChange> changes) {
        return new SchemaDiff(changes, List.of(), List.of());
    }

    public SchemaDiff withHint(String hint) {
        List<String> all = new ArrayList<>(hints);
        all.add(hint);
        return new SchemaDiff(changes, blockers, all);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public Set<String> touchedTables() {
        Set<String> tables = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        changes.forEach(c -> tables.add(c.table()));
        return tables;
    }

    public SchemaDiff withChanges(List<SchemaChange> newChanges) {
        return new SchemaDiff(newChanges, blockers, hints);
    }

    public SchemaDiff withBlocker(Blocker blocker) {
        List<Blocker> all = new ArrayList<>(blockers);
        all.add(blocker);
        return new SchemaDiff(changes, all, hints);
    }
}
