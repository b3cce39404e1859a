package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.automigrate.engine.schema.CreateTableSql;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbIndex;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.DbSequence;
import org.automigrate.engine.schema.DbTable;

/**
 * Compares the model's schema (desired) with the database's (live), on every kind of database: tables,
 * columns (type, nullability, default, CHECKs, identity/auto-increment), primary keys, foreign keys, unique
 * constraints, CHECK constraints, indexes and sequences. What counts as equal is the database kind's
 * {@link ComparisonRules}; names compare case-insensitively; column order is not a difference, nor is a
 * constraint's or an index's name (a database another tool built names them its own way). Tables for which
 * {@code ignored} answers true are never reported.
 *
 * <p>Every difference inside a table is a change of its own ({@link SchemaChange.Alteration}); SQLite, which
 * cannot make them in place, groups them per table ({@link #groupForSqlite}).
 */
public final class SchemaComparer {

    private SchemaComparer() {
    }

    /** The SQLite comparison: one {@link SchemaChange.AlterTable} per table with differences ALTER cannot make. */
    public static SchemaDiff compare(DbSchema desired, DbSchema live, Predicate<String> ignored) {
        return SchemaDiff.of(groupForSqlite(compare(desired, live, ignored, ComparisonRules.SQLITE).changes()));
    }

    /** Every difference, each a change of its own, under {@code rules}. */
    public static SchemaDiff compare(DbSchema desired, DbSchema live, Predicate<String> ignored, ComparisonRules rules) {
        List<SchemaChange> changes = new ArrayList<>();
        for (DbTable want : desired.tables()) {
            Optional<DbTable> have = live.table(want.name());
            if (have.isEmpty()) {
                changes.add(new SchemaChange.CreateTable(want));
            } else if (!ignored.test(have.get().name())) {
                compareTable(want, have.get(), rules, changes);
            }
        }
        for (DbTable have : live.tables()) {
            if (desired.table(have.name()).isEmpty() && !ignored.test(have.name())) {
                changes.add(new SchemaChange.DropTable(have));
            }
        }
        for (DbSequence want : desired.sequences()) {
            Optional<DbSequence> have = live.sequence(want.name());
            if (have.isEmpty()) {
                changes.add(new SchemaChange.CreateSequence(want));
            } else if (have.get().increment() != want.increment() && !ignored.test(want.name())) {
                changes.add(new SchemaChange.AlterSequence(want, have.get()));
            }
        }
        for (DbSequence have : live.sequences()) {
            if (desired.sequence(have.name()).isEmpty() && !ignored.test(have.name())) {
                changes.add(new SchemaChange.DropSequence(have));
            }
        }
        return SchemaDiff.of(changes);
    }

    private static void compareTable(DbTable want, DbTable have, ComparisonRules rules, List<SchemaChange> out) {
        List<SchemaChange> alterations = new ArrayList<>();
        List<SchemaChange> simple = new ArrayList<>();
        Set<String> added = new HashSet<>();
        for (DbColumn column : want.columns()) {
            Optional<DbColumn> existing = have.column(column.name());
            if (existing.isEmpty()) {
                added.add(key(column.name()));
            } else {
                compareColumn(want, have, column, existing.get(), rules, alterations);
            }
        }
        Set<String> dropped = new HashSet<>();
        for (DbColumn column : have.columns()) {
            if (want.column(column.name()).isEmpty()) {
                simple.add(new SchemaChange.DropColumn(have, column));
                dropped.add(key(column.name()));
            }
        }
        if (!keys(want.primaryKey()).equals(keys(have.primaryKey()))) {
            alterations.add(new SchemaChange.AlterPrimaryKey(want, have));
        }
        compareForeignKeys(want, have, added, dropped, alterations);
        compareUniques(want, have, added, dropped, alterations);
        Map<String, String> wantChecks = checks(want, rules);
        Map<String, String> haveChecks = checks(have, rules);
        wantChecks.forEach((checkKey, check) -> {
            if (!haveChecks.containsKey(checkKey)) {
                alterations.add(new SchemaChange.AddCheck(want, have, check));
            }
        });
        haveChecks.forEach((checkKey, check) -> {
            if (!wantChecks.containsKey(checkKey)) {
                alterations.add(new SchemaChange.DropCheck(want, have, check));
            }
        });
        compareIndexes(want, have, dropped, simple);
        for (DbColumn column : want.columns()) {
            if (added.contains(key(column.name()))) {
                simple.add(new SchemaChange.AddColumn(want, have, column, singleColumnForeignKey(want, column)));
            }
        }
        out.addAll(alterations);
        out.addAll(simple);
    }

    private static void compareColumn(DbTable wantTable, DbTable haveTable, DbColumn want, DbColumn have,
                                      ComparisonRules rules, List<SchemaChange> out) {
        boolean type = !rules.typeKey(want.type()).equals(rules.typeKey(have.type()));
        boolean narrowing = type && rules.narrows(have.type(), want.type());
        boolean nullability = want.notNull() != have.notNull() && want.pkPosition() == 0;
        boolean serial = DbColumn.SERIAL.equals(want.generated()) || DbColumn.SERIAL.equals(have.generated());
        boolean defaultValue = !serial
                && !Objects.equals(rules.defaultKey(want.defaultValue()), rules.defaultKey(have.defaultValue()));
        boolean checks = !new HashSet<>(want.checks().stream().map(rules::checkKey).toList())
                .equals(new HashSet<>(have.checks().stream().map(rules::checkKey).toList()));
        boolean generation = want.isGenerated() != have.isGenerated();
        if (type || nullability || defaultValue || checks || generation) {
            out.add(new SchemaChange.AlterColumn(wantTable, haveTable, want, have, type, nullability, defaultValue,
                    checks, generation, narrowing, null));
        }
    }

    private static void compareForeignKeys(DbTable want, DbTable have, Set<String> added, Set<String> dropped,
                                           List<SchemaChange> out) {
        Set<String> haveKeys = new HashSet<>();
        have.foreignKeys().forEach(fk -> haveKeys.add(signature(fk)));
        Set<String> wantKeys = new HashSet<>();
        for (DbForeignKey fk : want.foreignKeys()) {
            String signature = signature(fk);
            wantKeys.add(signature);
            boolean onNewColumn = fk.columns().size() == 1 && added.contains(key(fk.columns().get(0)));
            if (!haveKeys.contains(signature) && !onNewColumn) {
                out.add(new SchemaChange.AddForeignKey(want, have, fk));
            }
        }
        for (DbForeignKey fk : have.foreignKeys()) {
            boolean onDroppedColumn = fk.columns().stream().anyMatch(c -> dropped.contains(key(c)));
            if (!wantKeys.contains(signature(fk)) && !onDroppedColumn) {
                out.add(new SchemaChange.DropForeignKey(want, have, fk));
            }
        }
    }

    private static void compareUniques(DbTable want, DbTable have, Set<String> added, Set<String> dropped,
                                       List<SchemaChange> out) {
        Map<String, List<String>> wantUniques = uniques(want.uniques());
        Map<String, List<String>> haveUniques = uniques(have.uniques());
        wantUniques.forEach((signature, columns) -> {
            if (!haveUniques.containsKey(signature) && !(columns.size() == 1 && added.contains(signature))) {
                out.add(new SchemaChange.AddUnique(want, have, columns));
            }
        });
        haveUniques.forEach((signature, columns) -> {
            boolean onDroppedColumn = columns.stream().anyMatch(c -> dropped.contains(key(c)));
            if (!wantUniques.containsKey(signature) && !(onDroppedColumn && have.names().unique(columns) != null)) {
                out.add(new SchemaChange.DropUnique(want, have, columns));
            }
        });
    }

    /**
     * Indexes match by name, else by what they index (a database another tool built names its indexes its own
     * way). An index on a column the table loses goes with the column.
     */
    private static void compareIndexes(DbTable want, DbTable have, Set<String> dropped, List<SchemaChange> simple) {
        Set<DbIndex> matched = new HashSet<>();
        for (DbIndex index : want.indexes()) {
            Optional<DbIndex> existing = have.indexes().stream()
                    .filter(i -> i.name().equalsIgnoreCase(index.name())).findFirst();
            if (existing.isEmpty()) {
                existing = have.indexes().stream().filter(i -> !matched.contains(i) && sameIndex(i, index)
                        && want.indexes().stream().noneMatch(w -> w.name().equalsIgnoreCase(i.name()))).findFirst();
            }
            if (existing.isEmpty()) {
                simple.add(new SchemaChange.CreateIndex(want.name(), index));
            } else {
                matched.add(existing.get());
                if (!sameIndex(index, existing.get())) {
                    simple.add(new SchemaChange.DropIndex(want.name(), existing.get()));
                    simple.add(new SchemaChange.CreateIndex(want.name(), index));
                }
            }
        }
        for (DbIndex index : have.indexes()) {
            if (!matched.contains(index) && have.names() != org.automigrate.engine.schema.ConstraintNames.NONE
                    && index.columns().stream().anyMatch(c -> dropped.contains(key(c)))) {
                continue; // a server drops it with the column
            }
            if (!matched.contains(index)) {
                simple.add(new SchemaChange.DropIndex(have.name(), index));
            }
        }
    }

    private static boolean sameIndex(DbIndex a, DbIndex b) {
        return a.unique() == b.unique() && keys(a.columns()).equals(keys(b.columns()));
    }

    /** Check key to the check as the table spells it, in the table's order. */
    private static Map<String, String> checks(DbTable table, ComparisonRules rules) {
        Map<String, String> result = new LinkedHashMap<>();
        table.checks().forEach(check -> result.putIfAbsent(rules.checkKey(check), check));
        return result;
    }

    private static DbForeignKey singleColumnForeignKey(DbTable table, DbColumn column) {
        return table.foreignKeys().stream()
                .filter(fk -> fk.columns().size() == 1 && fk.columns().get(0).equalsIgnoreCase(column.name()))
                .findFirst().orElse(null);
    }

    private static Map<String, List<String>> uniques(List<List<String>> uniques) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        uniques.forEach(u -> result.putIfAbsent(String.join(",", keys(u)), u));
        return result;
    }

    /**
     * SQLite makes none of a table's {@link SchemaChange.Alteration}s in place: a table with any becomes one
     * {@link SchemaChange.AlterTable} listing them, with the columns it adds and drops (its index changes are
     * left out: the rebuild recreates the model's indexes), in the place of its first change.
     */
    public static List<SchemaChange> groupForSqlite(List<SchemaChange> changes) {
        Map<String, List<SchemaChange>> altered = new LinkedHashMap<>();
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.Alteration) {
                altered.put(key(change.table()), new ArrayList<>());
            }
        }
        if (altered.isEmpty()) {
            return changes;
        }
        List<SchemaChange> result = new ArrayList<>();
        for (SchemaChange change : changes) {
            List<SchemaChange> group = altered.get(key(change.table()));
            boolean part = group != null && (change instanceof SchemaChange.Alteration
                    || change instanceof SchemaChange.AddColumn || change instanceof SchemaChange.DropColumn
                    || change instanceof SchemaChange.CreateIndex || change instanceof SchemaChange.DropIndex);
            if (!part) {
                result.add(change);
                continue;
            }
            if (group.isEmpty()) {
                result.add(change); // placeholder, replaced below
            }
            group.add(change);
        }
        for (int i = 0; i < result.size(); i++) {
            List<SchemaChange> group = altered.get(key(result.get(i).table()));
            if (group != null && !group.isEmpty() && group.get(0) == result.get(i)) {
                result.set(i, alterTable(group));
            }
        }
        return result;
    }

    private static SchemaChange.AlterTable alterTable(List<SchemaChange> group) {
        List<String> reasons = new ArrayList<>();
        DbTable desired = null;
        DbTable live = null;
        boolean destructive = false;
        boolean checksListed = false;
        for (SchemaChange change : group) {
            if (change instanceof SchemaChange.AlterColumn column) {
                reasons.addAll(List.of(column.reason().split("; ")));
                destructive |= column.narrowing();
            } else if (change instanceof SchemaChange.AddCheck || change instanceof SchemaChange.DropCheck) {
                if (!checksListed) {
                    reasons.add(((SchemaChange.Alteration) change).reason());
                    checksListed = true;
                }
            } else if (change instanceof SchemaChange.Alteration alteration) {
                reasons.add(alteration.reason());
            }
            if (change instanceof SchemaChange.Alteration alteration) {
                desired = alteration.desired();
                live = alteration.live();
            }
        }
        for (SchemaChange change : group) {
            if (change instanceof SchemaChange.DropColumn drop) {
                reasons.add("drop column " + drop.column().name());
                destructive = true;
            } else if (change instanceof SchemaChange.AddColumn add) {
                reasons.add("add column " + add.column().name());
            }
        }
        return new SchemaChange.AlterTable(desired, live, reasons, destructive);
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
