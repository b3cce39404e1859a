package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Puts changes in a deterministic, readable order that every server accepts: configured renames first,
 * then indexes and constraints are dropped, sequences and tables created (referenced tables before the
 * tables that reference them), columns added, columns altered and tables rebuilt, unique and check
 * constraints added, indexes created, foreign keys added (once every table they name exists), and
 * columns, tables and sequences dropped last.
 */
public final class ChangeOrdering implements DiffProcessor {

    private static int rank(SchemaChange change) {
        if (change instanceof SchemaChange.RenameTable || change instanceof SchemaChange.RenameColumn) {
            return -1;
        } else if (change instanceof SchemaChange.DropIndex || change instanceof SchemaChange.DropForeignKey
                || change instanceof SchemaChange.DropUnique || change instanceof SchemaChange.DropCheck) {
            return 0;
        } else if (change instanceof SchemaChange.CreateTable || change instanceof SchemaChange.CreateSequence) {
            return 1;
        } else if (change instanceof SchemaChange.AddColumn) {
            return 2;
        } else if (change instanceof SchemaChange.AlterTable || change instanceof SchemaChange.RebuildTable
                || change instanceof SchemaChange.AlterColumn || change instanceof SchemaChange.AlterPrimaryKey
                || change instanceof SchemaChange.AlterSequence || change instanceof SchemaChange.ServerChange) {
            return 3;
        } else if (change instanceof SchemaChange.AddUnique || change instanceof SchemaChange.AddCheck) {
            return 4;
        } else if (change instanceof SchemaChange.CreateIndex) {
            return 5;
        } else if (change instanceof SchemaChange.AddForeignKey) {
            return 6;
        } else if (change instanceof SchemaChange.DropColumn) {
            return 7;
        }
        return 8;
    }

    @Override
    public SchemaDiff process(SchemaDiff diff) {
        List<SchemaChange> sorted = new ArrayList<>(diff.changes());
        sorted.sort(Comparator.comparingInt(ChangeOrdering::rank)
                .thenComparing(c -> c.table().toLowerCase(Locale.ROOT)));
        return diff.withChanges(parentsFirst(sorted));
    }

    /** Stable topological order of the created tables by their foreign keys. */
    private static List<SchemaChange> parentsFirst(List<SchemaChange> changes) {
        Map<String, SchemaChange.CreateTable> created = new LinkedHashMap<>();
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.CreateTable create) {
                created.put(create.table().toLowerCase(Locale.ROOT), create);
            }
        }
        if (created.size() < 2) {
            return changes;
        }
        List<SchemaChange> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String table : created.keySet()) {
            visit(table, created, done, new HashSet<>(), ordered);
        }
        List<SchemaChange> result = new ArrayList<>();
        boolean inserted = false;
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.CreateTable) {
                if (!inserted) {
                    result.addAll(ordered);
                    inserted = true;
                }
            } else {
                result.add(change);
            }
        }
        return result;
    }

    private static void visit(String table, Map<String, SchemaChange.CreateTable> created, Set<String> done,
                              Set<String> visiting, List<SchemaChange> ordered) {
        if (done.contains(table) || !visiting.add(table)) {
            return; // already placed, or a cycle: SQLite resolves references lazily, any order works
        }
        SchemaChange.CreateTable create = created.get(table);
        create.desired().foreignKeys().stream()
                .map(fk -> fk.refTable().toLowerCase(Locale.ROOT))
                .filter(created::containsKey)
                .sorted()
                .forEach(parent -> visit(parent, created, done, visiting, ordered));
        done.add(table);
        ordered.add(create);
    }
}
