package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.schema.DbColumn;

/**
 * Decides how each change is made on PostgreSQL and MariaDB/MySQL, which alter tables in place: a created
 * table's foreign keys become changes of their own (after every table exists, so tables that reference each
 * other can be created), and the NOT NULL rule is enforced here, not left to the server (MariaDB would fill
 * existing rows with {@code ''} or 0 without a word). A new NOT NULL column without a default on a table with
 * rows takes the {@code defaults} value; a column that becomes NOT NULL while rows hold NULL there takes the
 * {@code defaults} value or the default the model declares for it; without either the run stops, before
 * anything is touched, naming the table, the column, the count and the fixes.
 */
public final class ServerPlanner implements DiffProcessor {
    private final SqlitePlanner.LiveData data;
    private final Map<String, String> defaults;

    /** @param defaults one-off values by lower-case {@code table.column}, as SQL literals */
    public ServerPlanner(SqlitePlanner.LiveData data, Map<String, String> defaults) {
        this.data = data;
        this.defaults = defaults;
    }

    @Override
    public SchemaDiff process(SchemaDiff diff) {
        List<SchemaDiff.Blocker> blockers = new ArrayList<>(diff.blockers());
        List<SchemaChange> changes = new ArrayList<>();
        List<SchemaChange> foreignKeys = new ArrayList<>();
        for (SchemaChange change : diff.changes()) {
            if (change instanceof SchemaChange.CreateTable create) {
                changes.add(change);
                create.desired().foreignKeys().forEach(fk -> foreignKeys.add(new SchemaChange.AddForeignKey(
                        create.desired(), create.desired(), fk)));
            } else if (change instanceof SchemaChange.AddColumn add) {
                changes.add(addColumn(add, blockers));
            } else if (change instanceof SchemaChange.AlterColumn alter && alter.nullability() && alter.want().notNull()) {
                changes.add(notNull(alter, blockers));
            } else {
                changes.add(change);
            }
        }
        changes.addAll(foreignKeys);
        return new SchemaDiff(changes, blockers, diff.hints());
    }

    private SchemaChange addColumn(SchemaChange.AddColumn add, List<SchemaDiff.Blocker> blockers) {
        DbColumn column = add.column();
        if (!column.notNull() || column.defaultValue() != null || column.isGenerated()) {
            return add;
        }
        long rows = data.rows(add.live().name());
        if (rows == 0) {
            return add;
        }
        String fill = defaults.get(key(add.table() + "." + column.name()));
        if (fill == null) {
            blockers.add(new SchemaDiff.Blocker(ErrorCode.NOT_NULL_WITHOUT_DEFAULT,
                    SqlitePlanner.notNullMessage(add.table(), column.name(), rows, false)));
            return add;
        }
        return add.filledWith(fill);
    }

    private SchemaChange notNull(SchemaChange.AlterColumn alter, List<SchemaDiff.Blocker> blockers) {
        long nulls = data.nulls(alter.live().name(), alter.have().name());
        if (nulls == 0) {
            return alter;
        }
        String fill = defaults.get(key(alter.live().name() + "." + alter.have().name()));
        if (fill == null) {
            // as on SQLite: the rows that hold NULL take the default the model declares for the column
            fill = alter.want().defaultValue();
        }
        if (fill == null) {
            blockers.add(new SchemaDiff.Blocker(ErrorCode.NOT_NULL_WITHOUT_DEFAULT,
                    SqlitePlanner.notNullMessage(alter.live().name(), alter.have().name(), nulls, true)));
            return alter;
        }
        return alter.filledWith(fill);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
