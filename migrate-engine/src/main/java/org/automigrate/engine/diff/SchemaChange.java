package org.automigrate.engine.diff;

import java.util.List;

import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbIndex;
import org.automigrate.engine.schema.DbTable;

/** One difference between the model and the database: plain data, rendered into SQL elsewhere. */
public sealed interface SchemaChange {

    /** The table the change touches. */
    String table();

    /** The change in words, e.g. {@code add column customer.phone}. */
    String description();

    default Safety safety() {
        return Safety.SAFE;
    }

    /** A table of the model that the database lacks. */
    record CreateTable(DbTable desired) implements SchemaChange {
        public String table() {
            return desired.name();
        }

        public String description() {
            return "create table " + desired.name();
        }
    }

    /** A table the database has and the model does not. */
    record DropTable(DbTable live) implements SchemaChange {
        public String table() {
            return live.name();
        }

        public String description() {
            return "drop table " + live.name();
        }

        @Override
        public Safety safety() {
            return Safety.DESTRUCTIVE;
        }
    }

    /** A column of the model the table lacks; {@code foreignKey} if the column references another table. */
    record AddColumn(DbTable desired, DbColumn column, DbForeignKey foreignKey) implements SchemaChange {
        public String table() {
            return desired.name();
        }

        public String description() {
            return "add column " + desired.name() + "." + column.name()
                    + (column.notNull() ? " (not null" + (column.defaultValue() == null ? ")"
                    : ", default " + column.defaultValue() + ")") : "");
        }
    }

    /** A column the table has and the model does not. */
    record DropColumn(DbTable live, DbColumn column) implements SchemaChange {
        public String table() {
            return live.name();
        }

        public String description() {
            return "drop column " + live.name() + "." + column.name();
        }

        @Override
        public Safety safety() {
            return Safety.DESTRUCTIVE;
        }
    }

    /** An index of the model the table lacks. */
    record CreateIndex(String table, DbIndex index) implements SchemaChange {
        public String description() {
            return "create " + (index.unique() ? "unique " : "") + "index " + index.name() + " on " + table
                    + " (" + String.join(", ", index.columns()) + ")";
        }
    }

    /** An index the table has and the model does not. */
    record DropIndex(String table, DbIndex index) implements SchemaChange {
        public String description() {
            return "drop index " + index.name() + " on " + table;
        }
    }

    /**
     * A change SQLite cannot make in place (a column's type, nullability, default or check; keys;
     * unique constraints): the table must be rebuilt.
     */
    record AlterTable(DbTable desired, DbTable live, List<String> reasons) implements SchemaChange {
        public AlterTable {
            reasons = List.copyOf(reasons);
        }

        public String table() {
            return desired.name();
        }

        public String description() {
            return "alter table " + desired.name() + ": " + String.join("; ", reasons);
        }
    }

    /**
     * An {@link AlterTable} on a table that holds no rows: dropped and created again from the model,
     * guarded by a precondition that the table is still empty when the changeset runs.
     */
    record RecreateEmptyTable(DbTable desired, List<String> reasons) implements SchemaChange {
        public RecreateEmptyTable {
            reasons = List.copyOf(reasons);
        }

        public String table() {
            return desired.name();
        }

        public String description() {
            return "recreate empty table " + desired.name() + ": " + String.join("; ", reasons);
        }
    }
}
