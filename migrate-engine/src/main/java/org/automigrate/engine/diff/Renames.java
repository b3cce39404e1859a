package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbIndex;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.DbTable;

/**
 * Renames the user configured ({@code renames}: {@code table.old=new} for a column, {@code old=new} for a
 * table). They are applied to the live schema before it is compared, so a renamed column is compared
 * as the column it now is, and the data stays. A rename that has already happened (the new name
 * exists) is nothing to do, so the setting can stay in the pom after the migration.
 */
public final class Renames {

    /** The live schema as it will be after the renames, and the rename changes that get it there. */
    public record Applied(DbSchema live, List<SchemaChange> changes) {
    }

    private Renames() {
    }

    public static Map<String, String> parse(List<String> entries) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1 || entry.indexOf('=', eq + 1) >= 0) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "The rename '" + entry + "' is malformed: write "
                        + "table.old_column=new_column for a column or old_table=new_table for a table, "
                        + "in <renames> or -Dmigrate.renames (comma-separated).");
            }
            renames.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return renames;
    }

    public static Applied apply(DbSchema live, DbSchema desired, Map<String, String> renames) {
        Map<String, DbTable> tables = new LinkedHashMap<>();
        live.tables().forEach(t -> tables.put(t.key(), t));
        List<SchemaChange> changes = new ArrayList<>();
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            String from = rename.getKey();
            String to = rename.getValue();
            int dot = from.indexOf('.');
            if (dot < 0) {
                DbTable old = tables.get(key(from));
                if (old != null && !tables.containsKey(key(to))) {
                    tables.remove(key(from));
                    String newName = desired.table(to).map(DbTable::name).orElse(to);
                    tables.put(key(to), withName(old, newName));
                    tables.replaceAll((k, t) -> mapForeignKeys(t, fk -> fk.refTable().equalsIgnoreCase(from)
                            ? new DbForeignKey(fk.columns(), newName, fk.refColumns(), fk.onDelete(), fk.onUpdate(),
                            fk.name()) : fk));
                    changes.add(new SchemaChange.RenameTable(old.name(), newName));
                }
                continue;
            }
            String tableName = from.substring(0, dot);
            String oldColumn = from.substring(dot + 1);
            DbTable table = tables.get(key(tableName));
            if (table == null || table.column(oldColumn).isEmpty() || table.column(to).isPresent()) {
                continue;
            }
            String newColumn = desired.table(tableName).flatMap(t -> t.column(to)).map(DbColumn::name).orElse(to);
            tables.put(table.key(), renameColumn(table, oldColumn, newColumn));
            tables.replaceAll((k, t) -> mapForeignKeys(t, fk -> fk.refTable().equalsIgnoreCase(table.name())
                    ? new DbForeignKey(fk.columns(), fk.refTable(), rename(fk.refColumns(), oldColumn, newColumn),
                    fk.onDelete(), fk.onUpdate(), fk.name()) : fk));
            changes.add(new SchemaChange.RenameColumn(table.name(), table.column(oldColumn).get().name(), newColumn));
        }
        return new Applied(new DbSchema(tables.values(), live.sequences()), changes);
    }

    private static DbTable withName(DbTable t, String name) {
        return new DbTable(name, t.sql(), t.columns(), t.primaryKey(), t.foreignKeys(), t.uniques(), t.indexes(),
                t.checks(), t.seedRows(), t.names());
    }

    private static DbTable renameColumn(DbTable t, String from, String to) {
        List<DbColumn> columns = t.columns().stream().map(c -> c.name().equalsIgnoreCase(from)
                ? c.renamed(to) : c).toList();
        List<DbForeignKey> fks = t.foreignKeys().stream().map(fk -> new DbForeignKey(rename(fk.columns(), from, to),
                fk.refTable(), fk.refTable().equalsIgnoreCase(t.name()) ? rename(fk.refColumns(), from, to)
                : fk.refColumns(), fk.onDelete(), fk.onUpdate(), fk.name())).toList();
        List<List<String>> uniques = t.uniques().stream().map(u -> rename(u, from, to)).toList();
        List<DbIndex> indexes = t.indexes().stream()
                .map(i -> new DbIndex(i.name(), i.unique(), rename(i.columns(), from, to), i.sql())).toList();
        return new DbTable(t.name(), t.sql(), columns, rename(t.primaryKey(), from, to), fks, uniques, indexes,
                t.checks(), t.seedRows(), t.names().renameColumn(from, to));
    }

    private static DbTable mapForeignKeys(DbTable t, UnaryOperator<DbForeignKey> mapping) {
        return new DbTable(t.name(), t.sql(), t.columns(), t.primaryKey(),
                t.foreignKeys().stream().map(mapping).toList(), t.uniques(), t.indexes(), t.checks(), t.seedRows(),
                t.names());
    }

    private static List<String> rename(List<String> names, String from, String to) {
        return names.stream().map(n -> n.equalsIgnoreCase(from) ? to : n).toList();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
