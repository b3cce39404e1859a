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
    record AddColumn(DbTable desired, DbTable live, DbColumn column, DbForeignKey foreignKey) implements SchemaChange {
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

    /** A column renamed by configuration ({@code renames}): its data is kept. */
    record RenameColumn(String table, String from, String to) implements SchemaChange {
        public String description() {
            return "rename column " + table + "." + from + " to " + to;
        }
    }

    /** A table renamed by configuration ({@code renames}): its rows are kept. */
    record RenameTable(String from, String to) implements SchemaChange {
        public String table() {
            return to;
        }

        public String description() {
            return "rename table " + from + " to " + to;
        }
    }

    /**
     * A change SQLite cannot make in place (a column's type, nullability, default or check; keys;
     * unique constraints).
     *
     * @param destructive true when it drops a column or narrows a type
     */
    record AlterTable(DbTable desired, DbTable live, List<String> reasons, boolean destructive) implements SchemaChange {
        public AlterTable {
            reasons = List.copyOf(reasons);
        }

        public String table() {
            return desired.name();
        }

        public String description() {
            return "alter table " + desired.name() + ": " + String.join("; ", reasons);
        }

        @Override
        public Safety safety() {
            return destructive ? Safety.DESTRUCTIVE : Safety.SAFE;
        }
    }

    /**
     * The table is rebuilt: created anew from the model, its rows copied, the old table dropped, the new
     * one renamed, its indexes recreated, and the foreign keys and integrity checked, in one transaction.
     *
     * @param columns  the new table's columns that are filled from the old rows
     * @param sources  for each of {@code columns}, the SQL expression over the old table that fills it
     * @param children tables whose foreign keys reference this one (checked after the copy)
     */
    record RebuildTable(DbTable desired, DbTable live, List<String> reasons, List<String> columns,
                        List<String> sources, List<String> children, Safety safety) implements SchemaChange {
        public RebuildTable {
            reasons = List.copyOf(reasons);
            columns = List.copyOf(columns);
            sources = List.copyOf(sources);
            children = List.copyOf(children);
        }

        public String table() {
            return desired.name();
        }

        public String description() {
            return "rebuild table " + desired.name() + ": " + String.join("; ", reasons);
        }
    }

    /**
     * A change on PostgreSQL or MariaDB, found by comparing the live database with a shadow holding the
     * model, with the server's SQL for it.
     *
     * @param kind     what it does, e.g. {@code addColumn} (Liquibase's change name)
     * @param rollback the statements that undo it, or {@code null} when it cannot be undone
     */
    record ServerChange(String kind, String table, String description, Safety safety, List<String> sql,
                        List<String> rollback) implements SchemaChange {
        public ServerChange {
            sql = List.copyOf(sql);
            rollback = rollback == null ? null : List.copyOf(rollback);
        }
    }
}
