package org.automigrate.engine.diff;

import java.util.List;

import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbIndex;
import org.automigrate.engine.schema.DbSequence;
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

    /**
     * A column of the model the table lacks; {@code foreignKey} if the column references another table;
     * {@code fill} (an SQL expression) the value the table's existing rows take when the column is NOT NULL
     * without a default (servers: added nullable, filled, then made NOT NULL), else null.
     */
    record AddColumn(DbTable desired, DbTable live, DbColumn column, DbForeignKey foreignKey, String fill)
            implements SchemaChange {
        public AddColumn(DbTable desired, DbTable live, DbColumn column, DbForeignKey foreignKey) {
            this(desired, live, column, foreignKey, null);
        }

        public String table() {
            return desired.name();
        }

        public String description() {
            return "add column " + desired.name() + "." + column.name()
                    + (column.notNull() ? " (not null" + (column.defaultValue() == null ? ")"
                    : ", default " + column.defaultValue() + ")") : "")
                    + (fill == null ? "" : ", existing rows set to " + fill);
        }

        public AddColumn filledWith(String value) {
            return new AddColumn(desired, live, column, foreignKey, value);
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
     * A difference inside a table that exists on both sides: a column's definition, the primary key, a foreign
     * key, a unique constraint, a CHECK. A server makes each with an ALTER TABLE of its own; SQLite cannot make
     * any of them in place, so {@link SchemaComparer#groupForSqlite} turns a table's alterations into one
     * {@link AlterTable} (and the planner into a rebuild).
     */
    sealed interface Alteration extends SchemaChange {
        /** The table as the model declares it. */
        DbTable desired();

        /** The table as the database has it. */
        DbTable live();

        /** The difference in words, as a rebuild lists it ({@code column name type a -> b}). */
        String reason();

        default String table() {
            return live().name();
        }
    }

    /**
     * A column both sides have, defined differently. The flags say what differs; {@code narrowing} that its type
     * can lose data; {@code fill} (an SQL expression) what its NULLs become when it turns NOT NULL, else null.
     */
    record AlterColumn(DbTable desired, DbTable live, DbColumn want, DbColumn have, boolean type, boolean nullability,
                       boolean defaultValue, boolean checks, boolean generation, boolean narrowing, String fill)
            implements Alteration {
        public String reason() {
            List<String> parts = new java.util.ArrayList<>();
            if (type) {
                parts.add("column " + want.name() + " type " + have.type() + " -> " + want.type()
                        + (narrowing ? " (narrowing: values may not fit)" : ""));
            }
            if (nullability) {
                parts.add("column " + want.name() + (want.notNull() ? " becomes not null" : " becomes nullable"));
            }
            if (defaultValue) {
                parts.add("column " + want.name() + " default " + have.defaultValue() + " -> " + want.defaultValue());
            }
            if (checks) {
                parts.add("column " + want.name() + " check " + have.checks() + " -> " + want.checks());
            }
            if (generation) {
                parts.add("column " + want.name() + (want.isGenerated() ? " becomes generated (" + want.generated() + ")"
                        : " is no longer generated (was " + have.generated() + ")"));
            }
            return String.join("; ", parts);
        }

        public String description() {
            List<String> parts = new java.util.ArrayList<>();
            if (type) {
                parts.add("type " + have.type() + " -> " + want.type() + (narrowing ? " (narrowing)" : ""));
            }
            if (nullability) {
                parts.add(want.notNull() ? "not null" + (fill == null ? "" : " (NULLs set to " + fill + ")")
                        : "nullable");
            }
            if (defaultValue) {
                parts.add(want.defaultValue() == null ? "no default" : "default " + want.defaultValue());
            }
            if (generation) {
                parts.add(want.isGenerated() ? "generated (" + want.generated() + ")"
                        : "not generated (was " + have.generated() + ")");
            }
            return "change column " + live.name() + "." + have.name() + ": " + String.join(", ", parts);
        }

        @Override
        public Safety safety() {
            return narrowing ? Safety.DESTRUCTIVE : Safety.SAFE;
        }

        public AlterColumn filledWith(String value) {
            return new AlterColumn(desired, live, want, have, type, nullability, defaultValue, checks, generation,
                    narrowing, value);
        }
    }

    /** The primary key's columns differ. */
    record AlterPrimaryKey(DbTable desired, DbTable live) implements Alteration {
        public String reason() {
            return "primary key (" + String.join(", ", live.primaryKey()) + ") -> (" + String.join(", ",
                    desired.primaryKey()) + ")";
        }

        public String description() {
            return "change the primary key of " + live.name() + " to (" + String.join(", ", desired.primaryKey()) + ")";
        }
    }

    /** A foreign key the model declares and the table lacks. */
    record AddForeignKey(DbTable desired, DbTable live, DbForeignKey foreignKey) implements Alteration {
        public String reason() {
            return "add foreign key (" + String.join(", ", foreignKey.columns()) + ") -> " + foreignKey.refTable();
        }

        public String description() {
            return "add foreign key on " + live.name() + " (" + String.join(", ", foreignKey.columns()) + ") to "
                    + foreignKey.refTable();
        }
    }

    /** A foreign key the table has and the model does not declare. */
    record DropForeignKey(DbTable desired, DbTable live, DbForeignKey foreignKey) implements Alteration {
        public String reason() {
            return "drop foreign key (" + String.join(", ", foreignKey.columns()) + ") -> " + foreignKey.refTable();
        }

        public String description() {
            return "drop foreign key " + (foreignKey.name() == null ? "" : foreignKey.name() + " ") + "on "
                    + live.name() + " (" + String.join(", ", foreignKey.columns()) + ")";
        }
    }

    /** A unique constraint on {@code columns} the model declares and the table lacks. */
    record AddUnique(DbTable desired, DbTable live, List<String> columns) implements Alteration {
        public AddUnique {
            columns = List.copyOf(columns);
        }

        public String reason() {
            return "add unique constraint (" + org.automigrate.engine.schema.ConstraintNames.uniqueKey(columns) + ")";
        }

        public String description() {
            return "add unique constraint on " + live.name() + " (" + String.join(", ", columns) + ")";
        }
    }

    /** A unique constraint (or unique index) on {@code columns} the table has and the model does not declare. */
    record DropUnique(DbTable desired, DbTable live, List<String> columns) implements Alteration {
        public DropUnique {
            columns = List.copyOf(columns);
        }

        public String reason() {
            return "drop unique constraint (" + org.automigrate.engine.schema.ConstraintNames.uniqueKey(columns) + ")";
        }

        public String description() {
            return "drop unique constraint on " + live.name() + " (" + String.join(", ", columns) + ")";
        }
    }

    /** A table-level CHECK constraint the model declares and the table lacks ({@code check} as the model spells it). */
    record AddCheck(DbTable desired, DbTable live, String check) implements Alteration {
        public String reason() {
            return "table check constraints " + live.checks() + " -> " + desired.checks();
        }

        public String description() {
            return "add check on " + live.name() + " " + check;
        }
    }

    /** A table-level CHECK constraint the table has and the model does not declare ({@code check} as the table spells it). */
    record DropCheck(DbTable desired, DbTable live, String check) implements Alteration {
        public String reason() {
            return "table check constraints " + live.checks() + " -> " + desired.checks();
        }

        public String description() {
            String name = live.names().check(check);
            return "drop check " + (name == null ? "" : name + " ") + "on " + live.name() + " " + check;
        }
    }

    /** A sequence the model declares and the database lacks. */
    record CreateSequence(DbSequence sequence) implements SchemaChange {
        public String table() {
            return sequence.name();
        }

        public String description() {
            return "create sequence " + sequence.name() + " (start " + sequence.start() + ", increment "
                    + sequence.increment() + ")";
        }
    }

    /** A sequence the database has and the model does not declare (it holds state, and may be hand-made). */
    record DropSequence(DbSequence sequence) implements SchemaChange {
        public String table() {
            return sequence.name();
        }

        public String description() {
            return "drop sequence " + sequence.name();
        }

        @Override
        public Safety safety() {
            return Safety.DESTRUCTIVE;
        }
    }

    /** A sequence both sides have, with another increment (its current value is kept). */
    record AlterSequence(DbSequence want, DbSequence have) implements SchemaChange {
        public String table() {
            return have.name();
        }

        public String description() {
            return "alter sequence " + have.name() + ": increment " + have.increment() + " -> " + want.increment();
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
     * A change on PostgreSQL or MariaDB that is its SQL (e.g. cutting values before a column narrows).
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
