package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.automigrate.engine.schema.CreateTableSql;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbIndex;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.DbTable;

/**
 * Compares the model's schema (desired) with the database's (live), table by table. Column order is
 * not a difference; names compare case-insensitively, types and expressions after normalising case
 * and whitespace. Tables for which {@code ignored} answers true are never reported.
 */
public final class SchemaComparer {

    private SchemaComparer() {
    }

    public static SchemaDiff compare(DbSchema desired, DbSchema live, Predicate<String> ignored) {
        List<SchemaChange> changes = new ArrayList<>();
        for (DbTable want : desired.tables()) {
            Optional<DbTable> have = live.table(want.name());
            if (have.isEmpty()) {
                changes.add(new SchemaChange.CreateTable(want));
            } else {
                compareTable(want, have.get(), changes);
            }
        }
        for (DbTable have : live.tables()) {
            if (desired.table(have.name()).isEmpty() && !ignored.test(have.name())) {
                changes.add(new SchemaChange.DropTable(have));
            }
        }
        return SchemaDiff.of(changes);
    }

    private static void compareTable(DbTable want, DbTable have, List<SchemaChange> out) {
        List<String> reasons = new ArrayList<>();
        List<SchemaChange> simple = new ArrayList<>();
        boolean narrowing = false;
        Set<String> added = new HashSet<>();
        for (DbColumn column : want.columns()) {
            Optional<DbColumn> existing = have.column(column.name());
            if (existing.isEmpty()) {
                added.add(key(column.name()));
                continue;
            }
            narrowing |= compareColumn(column, existing.get(), reasons);
        }
        for (DbColumn column : have.columns()) {
            if (want.column(column.name()).isEmpty()) {
                simple.add(new SchemaChange.DropColumn(have, column));
            }
        }
        if (!keys(want.primaryKey()).equals(keys(have.primaryKey()))) {
            reasons.add("primary key (" + String.join(", ", have.primaryKey()) + ") -> ("
                    + String.join(", ", want.primaryKey()) + ")");
        }
        compareForeignKeys(want, have, added, reasons, simple);
        Set<String> wantUniques = uniqueSignatures(want.uniques());
        Set<String> haveUniques = uniqueSignatures(have.uniques());
        for (String unique : wantUniques) {
            if (!haveUniques.contains(unique) && !isNewSingleColumn(unique, added)) {
                reasons.add("add unique constraint (" + unique + ")");
            }
        }
        for (String unique : haveUniques) {
            if (!wantUniques.contains(unique)) {
                reasons.add("drop unique constraint (" + unique + ")");
            }
        }
        if (!new HashSet<>(want.checks()).equals(new HashSet<>(have.checks()))) {
            reasons.add("table check constraints " + have.checks() + " -> " + want.checks());
        }
        compareIndexes(want, have, simple);
        for (DbColumn column : want.columns()) {
            if (added.contains(key(column.name()))) {
                simple.add(new SchemaChange.AddColumn(want, have, column, singleColumnForeignKey(want, column)));
            }
        }
        if (reasons.isEmpty()) {
            out.addAll(simple);
        } else {
            boolean drops = false;
            for (SchemaChange change : simple) {
                if (change instanceof SchemaChange.AddColumn add) {
                    reasons.add("add column " + add.column().name());
                } else if (change instanceof SchemaChange.DropColumn drop) {
                    reasons.add("drop column " + drop.column().name());
                    drops = true;
                }
            }
            out.add(new SchemaChange.AlterTable(want, have, reasons, drops || narrowing));
        }
    }

    /** Adds the column's differences to {@code reasons}; true when its type narrows. */
    private static boolean compareColumn(DbColumn want, DbColumn have, List<String> reasons) {
        String name = want.name();
        boolean narrowing = false;
        if (!normalizedType(want.type()).equals(normalizedType(have.type()))) {
            narrowing = TypeChanges.narrows(normalizedType(have.type()), normalizedType(want.type()));
            reasons.add("column " + name + " type " + have.type() + " -> " + want.type()
                    + (narrowing ? " (narrowing: values may not fit)" : ""));
        }
        if (want.notNull() != have.notNull() && want.pkPosition() == 0) {
            reasons.add("column " + name + (want.notNull() ? " becomes not null" : " becomes nullable"));
        }
        if (!Objects.equals(normalizedDefault(want.defaultValue()), normalizedDefault(have.defaultValue()))) {
            reasons.add("column " + name + " default " + have.defaultValue() + " -> " + want.defaultValue());
        }
        if (!new HashSet<>(want.checks()).equals(new HashSet<>(have.checks()))) {
            reasons.add("column " + name + " check " + have.checks() + " -> " + want.checks());
        }
        return narrowing;
    }

    private static void compareForeignKeys(DbTable want, DbTable have, Set<String> added, List<String> reasons,
                                           List<SchemaChange> simple) {
        Set<String> haveKeys = new HashSet<>();
        have.foreignKeys().forEach(fk -> haveKeys.add(signature(fk)));
        Set<String> wantKeys = new HashSet<>();
        for (DbForeignKey fk : want.foreignKeys()) {
            String signature = signature(fk);
            wantKeys.add(signature);
            boolean onNewColumn = fk.columns().size() == 1 && added.contains(key(fk.columns().get(0)));
            if (!haveKeys.contains(signature) && !onNewColumn) {
                reasons.add("add foreign key (" + String.join(", ", fk.columns()) + ") -> " + fk.refTable());
            }
        }
        for (DbForeignKey fk : have.foreignKeys()) {
            boolean onDroppedColumn = simple.stream().anyMatch(c -> c instanceof SchemaChange.DropColumn d
                    && fk.columns().stream().anyMatch(col -> col.equalsIgnoreCase(d.column().name())));
            if (!wantKeys.contains(signature(fk)) && !onDroppedColumn) {
                reasons.add("drop foreign key (" + String.join(", ", fk.columns()) + ") -> " + fk.refTable());
            }
        }
    }

    private static void compareIndexes(DbTable want, DbTable have, List<SchemaChange> simple) {
        for (DbIndex index : want.indexes()) {
            Optional<DbIndex> existing = have.indexes().stream()
                    .filter(i -> i.name().equalsIgnoreCase(index.name())).findFirst();
            if (existing.isEmpty()) {
                simple.add(new SchemaChange.CreateIndex(want.name(), index));
            } else if (!sameIndex(index, existing.get())) {
                simple.add(new SchemaChange.DropIndex(want.name(), existing.get()));
                simple.add(new SchemaChange.CreateIndex(want.name(), index));
            }
        }
        for (DbIndex index : have.indexes()) {
            if (want.indexes().stream().noneMatch(i -> i.name().equalsIgnoreCase(index.name()))) {
                simple.add(new SchemaChange.DropIndex(have.name(), index));
            }
        }
    }

    private static boolean sameIndex(DbIndex a, DbIndex b) {
        return a.unique() == b.unique() && keys(a.columns()).equals(keys(b.columns()));
    }

    private static DbForeignKey singleColumnForeignKey(DbTable table, DbColumn column) {
        return table.foreignKeys().stream()
                .filter(fk -> fk.columns().size() == 1 && fk.columns().get(0).equalsIgnoreCase(column.name()))
                .findFirst().orElse(null);
    }

    private static boolean isNewSingleColumn(String uniqueSignature, Set<String> added) {
        return !uniqueSignature.contains(",") && added.contains(uniqueSignature);
    }

    private static Set<String> uniqueSignatures(List<List<String>> uniques) {
        Set<String> result = new HashSet<>();
        uniques.forEach(u -> result.add(String.join(",", keys(u))));
        return result;
    }

    static String signature(DbForeignKey fk) {
        return keys(fk.columns()) + "->" + key(fk.refTable()) + keys(fk.refColumns()) + " delete "
                + rule(fk.onDelete()) + " update " + rule(fk.onUpdate());
    }

    private static String rule(String rule) {
        return rule == null ? "no action" : rule.toLowerCase(Locale.ROOT);
    }

    public static String normalizedType(String type) {
        return CreateTableSql.normalize(type == null ? "" : type);
    }

    public static String normalizedDefault(String value) {
        if (value == null || value.equalsIgnoreCase("null")) {
            return null;
        }
        return CreateTableSql.normalize(value);
    }

    private static List<String> keys(List<String> names) {
        return names.stream().map(SchemaComparer::key).toList();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
