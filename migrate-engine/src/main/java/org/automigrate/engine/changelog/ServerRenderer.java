package org.automigrate.engine.changelog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.schema.ConstraintNames;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbIndex;
import org.automigrate.engine.schema.DbSequence;
import org.automigrate.engine.schema.DbTable;

/**
 * Writes a server's SQL for each typed change, with the SQL that undoes it: what is the same on PostgreSQL and
 * MariaDB/MySQL here, what differs in {@link Postgres} and {@link MariaDb}. Statements name no schema or
 * database, so a changelog runs on any database of its kind. Constraint and index names are the model's
 * (Hibernate's), taken from the shadow; dropping uses the live database's own names.
 */
public abstract sealed class ServerRenderer permits ServerRenderer.Postgres, ServerRenderer.MariaDb {

    /** The renderer for PostgreSQL. */
    public static final ServerRenderer POSTGRESQL = new Postgres();
    /** The renderer for MariaDB and MySQL. */
    public static final ServerRenderer MARIADB = new MariaDb();

    public List<RenderedChange> render(List<SchemaChange> changes) {
        return changes.stream().map(this::render).toList();
    }

    public RenderedChange render(SchemaChange change) {
        Statements s = statements(change);
        return new RenderedChange(change, s.sql, s.rollback, true);
    }

    /** A change's statements and the ones that undo it (null: it cannot be undone). */
    protected record Statements(List<String> sql, List<String> rollback) {
    }

    private Statements statements(SchemaChange change) {
        if (change instanceof SchemaChange.CreateTable create) {
            DbTable t = create.desired();
            List<String> sql = new ArrayList<>();
            sql.add(createTable(t));
            for (List<String> unique : t.uniques()) {
                String name = t.names().unique(unique);
                if (name != null && name.startsWith(ConstraintNames.INDEX)) {
                    sql.add("CREATE UNIQUE INDEX " + id(name.substring(ConstraintNames.INDEX.length())) + " ON "
                            + id(t.name()) + " (" + ids(unique) + ")");
                }
            }
            t.indexes().forEach(index -> sql.add(createIndex(t.name(), index)));
            return new Statements(sql, List.of("DROP TABLE " + id(t.name())));
        }
        if (change instanceof SchemaChange.DropTable drop) {
            return new Statements(List.of("DROP TABLE " + id(drop.table())), null);
        }
        if (change instanceof SchemaChange.AddColumn add) {
            return addColumn(add);
        }
        if (change instanceof SchemaChange.DropColumn drop) {
            return new Statements(dropColumn(drop.live(), drop.column()), null);
        }
        if (change instanceof SchemaChange.AlterColumn alter) {
            return alterColumn(alter);
        }
        if (change instanceof SchemaChange.AlterPrimaryKey pk) {
            return new Statements(primaryKey(pk.live(), pk.live().primaryKey(), pk.desired().primaryKey()),
                    primaryKey(pk.live(), pk.desired().primaryKey(), pk.live().primaryKey()));
        }
        if (change instanceof SchemaChange.AddForeignKey add) {
            return new Statements(List.of(addForeignKey(add.live().name(), add.foreignKey())),
                    add.foreignKey().name() == null ? null
                            : List.of(dropForeignKey(add.live().name(), add.foreignKey().name())));
        }
        if (change instanceof SchemaChange.DropForeignKey drop) {
            return new Statements(List.of(dropForeignKey(drop.live().name(), drop.foreignKey().name())),
                    List.of(addForeignKey(drop.live().name(), drop.foreignKey())));
        }
        if (change instanceof SchemaChange.AddUnique add) {
            String name = add.desired().names().unique(add.columns());
            return new Statements(List.of(addUnique(add.live().name(), name, add.columns())),
                    name == null ? null : List.of(dropUnique(add.live().name(), name)));
        }
        if (change instanceof SchemaChange.DropUnique drop) {
            String name = drop.live().names().unique(drop.columns());
            return new Statements(List.of(dropUnique(drop.live().name(), name)),
                    List.of(addUnique(drop.live().name(), name, drop.columns())));
        }
        if (change instanceof SchemaChange.AddCheck add) {
            String name = add.desired().names().check(add.check());
            return new Statements(List.of(addCheck(add.live().name(), name, add.check())),
                    name == null ? null : List.of(dropConstraint(add.live().name(), name)));
        }
        if (change instanceof SchemaChange.DropCheck drop) {
            String name = drop.live().names().check(drop.check());
            return new Statements(List.of(dropConstraint(drop.live().name(), name)),
                    List.of(addCheck(drop.live().name(), name, drop.check())));
        }
        if (change instanceof SchemaChange.CreateIndex create) {
            return new Statements(List.of(createIndex(create.table(), create.index())),
                    List.of(dropIndex(create.table(), create.index().name())));
        }
        if (change instanceof SchemaChange.DropIndex drop) {
            return new Statements(List.of(dropIndex(drop.table(), drop.index().name())),
                    List.of(createIndex(drop.table(), drop.index())));
        }
        if (change instanceof SchemaChange.CreateSequence create) {
            return new Statements(List.of(createSequence(create.sequence())),
                    List.of("DROP SEQUENCE " + id(create.sequence().name())));
        }
        if (change instanceof SchemaChange.DropSequence drop) {
            return new Statements(List.of("DROP SEQUENCE " + id(drop.sequence().name())),
                    List.of(createSequence(drop.sequence())));
        }
        if (change instanceof SchemaChange.AlterSequence alter) {
            return new Statements(List.of("ALTER SEQUENCE " + id(alter.have().name()) + " INCREMENT BY "
                    + alter.want().increment()), List.of("ALTER SEQUENCE " + id(alter.have().name())
                    + " INCREMENT BY " + alter.have().increment()));
        }
        if (change instanceof SchemaChange.RenameTable rename) {
            return new Statements(List.of("ALTER TABLE " + id(rename.from()) + " RENAME TO " + id(rename.to())),
                    List.of("ALTER TABLE " + id(rename.to()) + " RENAME TO " + id(rename.from())));
        }
        if (change instanceof SchemaChange.RenameColumn rename) {
            // RENAME COLUMN keeps the column's definition on both servers (MariaDB 10.5+, MySQL 8)
            String table = id(rename.table());
            return new Statements(List.of("ALTER TABLE " + table + " RENAME COLUMN " + id(rename.from()) + " TO "
                    + id(rename.to())), List.of("ALTER TABLE " + table + " RENAME COLUMN " + id(rename.to()) + " TO "
                    + id(rename.from())));
        }
        if (change instanceof SchemaChange.ServerChange server) {
            return new Statements(server.sql(), server.rollback());
        }
        throw new IllegalStateException("No server SQL for " + change.description());
    }

    /** CREATE TABLE with columns, primary key, unique constraints and checks; foreign keys come as changes of their own. */
    private String createTable(DbTable t) {
        List<String> parts = new ArrayList<>();
        t.columns().forEach(c -> parts.add(columnDefinition(c, c.notNull())));
        if (!t.primaryKey().isEmpty()) {
            String name = t.names().primaryKey();
            parts.add(constraint("PRIMARY".equals(name) ? null : name) + "PRIMARY KEY (" + ids(t.primaryKey()) + ")");
        }
        for (List<String> unique : t.uniques()) {
            String name = t.names().unique(unique);
            if (name == null || !name.startsWith(ConstraintNames.INDEX)) {
                parts.add(constraint(name) + "UNIQUE (" + ids(unique) + ")");
            }
        }
        t.checks().forEach(check -> parts.add(constraint(t.names().check(check)) + check));
        return "CREATE TABLE " + id(t.name()) + " (" + String.join(", ", parts) + ")";
    }

    private Statements addColumn(SchemaChange.AddColumn add) {
        String table = id(add.table());
        DbColumn column = add.column();
        List<String> sql = new ArrayList<>();
        if (add.fill() == null) {
            sql.add("ALTER TABLE " + table + " ADD COLUMN " + columnDefinition(column, column.notNull()));
        } else {
            // added nullable, the existing rows filled, then made NOT NULL: no default is left behind
            sql.add("ALTER TABLE " + table + " ADD COLUMN " + columnDefinition(column, false));
            sql.add("UPDATE " + table + " SET " + id(column.name()) + " = " + add.fill() + " WHERE "
                    + id(column.name()) + " IS NULL");
            sql.add(setNotNull(add.table(), column));
        }
        List<String> unique = List.of(column.name());
        if (add.desired().uniques().stream().anyMatch(u -> u.size() == 1 && u.get(0).equalsIgnoreCase(column.name()))) {
            sql.add(addUnique(add.table(), add.desired().names().unique(unique), unique));
        }
        if (add.foreignKey() != null) {
            sql.add(addForeignKey(add.table(), add.foreignKey()));
        }
        DbTable after = add.desired();
        return new Statements(sql, dropColumn(after, column));
    }

    private String constraint(String name) {
        return name == null || name.startsWith(ConstraintNames.INDEX) ? "" : "CONSTRAINT " + id(name) + " ";
    }

    private String addForeignKey(String table, DbForeignKey fk) {
        return "ALTER TABLE " + id(table) + " ADD " + constraint(fk.name()) + "FOREIGN KEY (" + ids(fk.columns())
                + ") REFERENCES " + id(fk.refTable()) + " (" + ids(fk.refColumns()) + ")" + rule("DELETE", fk.onDelete())
                + rule("UPDATE", fk.onUpdate());
    }

    private static String rule(String event, String rule) {
        return rule == null || rule.equalsIgnoreCase("NO ACTION") ? "" : " ON " + event + " " + rule.toUpperCase(Locale.ROOT);
    }

    private String addUnique(String table, String name, List<String> columns) {
        if (name != null && name.startsWith(ConstraintNames.INDEX)) {
            return "CREATE UNIQUE INDEX " + id(name.substring(ConstraintNames.INDEX.length())) + " ON " + id(table) + " ("
                    + ids(columns) + ")";
        }
        return "ALTER TABLE " + id(table) + " ADD " + constraint(name) + "UNIQUE (" + ids(columns) + ")";
    }

    private String addCheck(String table, String name, String check) {
        return "ALTER TABLE " + id(table) + " ADD " + constraint(name) + check;
    }

    private String createIndex(String table, DbIndex index) {
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + id(index.name()) + " ON " + id(table) + " ("
                + ids(index.columns()) + ")";
    }

    private String createSequence(DbSequence sequence) {
        return "CREATE SEQUENCE " + id(sequence.name()) + " START WITH " + sequence.start() + " INCREMENT BY "
                + sequence.increment();
    }

    /** An identifier as this server's SQL writes it, quoted where needed. */
    public String quote(String name) {
        return id(name);
    }

    protected String ids(List<String> names) {
        return names.stream().map(this::id).collect(Collectors.joining(", "));
    }

    /** An identifier, quoted where the server needs it. */
    protected abstract String id(String name);

    /** A column's definition for CREATE TABLE and ADD COLUMN; {@code notNull} false writes it nullable. */
    protected abstract String columnDefinition(DbColumn column, boolean notNull);

    /** Makes a column NOT NULL (its NULLs are already filled). */
    protected abstract String setNotNull(String table, DbColumn column);

    /** Drops a column with what the server will not drop along with it. */
    protected abstract List<String> dropColumn(DbTable table, DbColumn column);

    protected abstract Statements alterColumn(SchemaChange.AlterColumn alter);

    /** Replaces the primary key {@code from} of {@code table} (named as the live table names it) by {@code to}. */
    protected abstract List<String> primaryKey(DbTable table, List<String> from, List<String> to);

    protected abstract String dropForeignKey(String table, String name);

    protected abstract String dropUnique(String table, String name);

    protected abstract String dropConstraint(String table, String name);

    protected abstract String dropIndex(String table, String name);

    /** PostgreSQL: each aspect of a column its own ALTER COLUMN; identity added with its sequence set past the data. */
    public static final class Postgres extends ServerRenderer {
        private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
                "asc", "asymmetric", "authorization", "between", "bigint", "binary", "bit", "boolean", "both", "case",
                "cast", "char", "character", "check", "coalesce", "collate", "collation", "column", "concurrently",
                "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
                "current_time", "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
                "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for",
                "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
                "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull",
                "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp",
                "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
                "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position",
                "precision", "primary", "real", "references", "returning", "right", "row", "select", "session_user",
                "setof", "similar", "smallint", "some", "substring", "symmetric", "system_user", "table",
                "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union",
                "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window",
                "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces",
                "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable");

        private Postgres() {
        }

        @Override
        protected String id(String name) {
            if (name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)) {
                return name;
            }
            return "\"" + name.replace("\"", "\"\"") + "\"";
        }

        @Override
        protected String columnDefinition(DbColumn column, boolean notNull) {
            StringBuilder sql = new StringBuilder(id(column.name())).append(' ');
            if (DbColumn.SERIAL.equals(column.generated())) {
                sql.append(switch (column.type()) {
                    case "bigint" -> "bigserial";
                    case "smallint" -> "smallserial";
                    default -> "serial";
                });
            } else {
                sql.append(column.type());
            }
            if (DbColumn.IDENTITY.equals(column.generated())) {
                sql.append(" GENERATED BY DEFAULT AS IDENTITY");
            } else if (DbColumn.IDENTITY_ALWAYS.equals(column.generated())) {
                sql.append(" GENERATED ALWAYS AS IDENTITY");
            } else if (column.defaultValue() != null && !DbColumn.SERIAL.equals(column.generated())) {
                sql.append(" DEFAULT ").append(column.defaultValue());
            }
            if (notNull) {
                sql.append(" NOT NULL");
            }
            return sql.toString();
        }

        @Override
        protected String setNotNull(String table, DbColumn column) {
            return "ALTER TABLE " + id(table) + " ALTER COLUMN " + id(column.name()) + " SET NOT NULL";
        }

        @Override
        protected List<String> dropColumn(DbTable table, DbColumn column) {
            return List.of("ALTER TABLE " + id(table.name()) + " DROP COLUMN " + id(column.name()));
        }

        @Override
        protected Statements alterColumn(SchemaChange.AlterColumn alter) {
            String table = id(alter.live().name());
            String prefix = "ALTER TABLE " + table + " ALTER COLUMN " + id(alter.have().name()) + " ";
            String column = id(alter.have().name());
            DbColumn want = alter.want();
            DbColumn have = alter.have();
            List<String> sql = new ArrayList<>();
            List<String> undo = new ArrayList<>();
            if (alter.generation() && !want.isGenerated()) {
                if (DbColumn.SERIAL.equals(have.generated())) {
                    sql.add(prefix + "DROP DEFAULT");
                    undo.add(prefix + "SET DEFAULT " + have.defaultValue());
                } else {
                    sql.add(prefix + "DROP IDENTITY");
                    undo.addAll(addIdentity(table, column, alter.live().name(), have));
                }
            }
            if (alter.defaultValue()) {
                sql.add(want.defaultValue() == null ? prefix + "DROP DEFAULT" : prefix + "SET DEFAULT " + want.defaultValue());
                undo.add(have.defaultValue() == null ? prefix + "DROP DEFAULT" : prefix + "SET DEFAULT " + have.defaultValue());
            }
            if (alter.type()) {
                sql.add(prefix + "TYPE " + want.type() + " USING " + column + "::" + want.type());
                undo.add(prefix + "TYPE " + have.type() + " USING " + column + "::" + have.type());
            }
            if (alter.nullability() && want.notNull()) {
                if (alter.fill() != null) {
                    sql.add("UPDATE " + table + " SET " + column + " = " + alter.fill() + " WHERE " + column + " IS NULL");
                }
                sql.add(prefix + "SET NOT NULL");
                undo.add(prefix + "DROP NOT NULL");
            } else if (alter.nullability()) {
                sql.add(prefix + "DROP NOT NULL");
                undo.add(prefix + "SET NOT NULL");
            }
            if (alter.generation() && want.isGenerated()) {
                sql.addAll(addIdentity(table, column, alter.live().name(), want));
                undo.add(prefix + "DROP IDENTITY");
            }
            Collections.reverse(undo);
            return new Statements(sql, undo);
        }

        /** An identity on an existing column, its sequence set past the highest value the column holds. */
        private static List<String> addIdentity(String table, String column, String tableName, DbColumn want) {
            String prefix = "ALTER TABLE " + table + " ALTER COLUMN " + column + " ";
            return List.of(prefix + "ADD GENERATED " + (DbColumn.IDENTITY_ALWAYS.equals(want.generated()) ? "ALWAYS"
                            : "BY DEFAULT") + " AS IDENTITY",
                    "SELECT setval(pg_get_serial_sequence('" + table.replace("'", "''") + "', '"
                            + want.name().replace("'", "''") + "'), (SELECT coalesce(max(" + column + "), 0) + 1 FROM "
                            + table + "), false)");
        }

        @Override
        protected List<String> primaryKey(DbTable table, List<String> from, List<String> to) {
            List<String> sql = new ArrayList<>();
            if (!from.isEmpty()) {
                String name = table.names().primaryKey() == null ? table.name() + "_pkey" : table.names().primaryKey();
                sql.add("ALTER TABLE " + id(table.name()) + " DROP CONSTRAINT " + id(name));
            }
            if (!to.isEmpty()) {
                sql.add("ALTER TABLE " + id(table.name()) + " ADD PRIMARY KEY (" + ids(to) + ")");
            }
            return sql;
        }

        @Override
        protected String dropForeignKey(String table, String name) {
            return dropConstraint(table, name);
        }

        @Override
        protected String dropUnique(String table, String name) {
            if (name != null && name.startsWith(ConstraintNames.INDEX)) {
                return "DROP INDEX " + id(name.substring(ConstraintNames.INDEX.length()));
            }
            return dropConstraint(table, name);
        }

        @Override
        protected String dropConstraint(String table, String name) {
            return "ALTER TABLE " + id(table) + " DROP CONSTRAINT " + id(name);
        }

        @Override
        protected String dropIndex(String table, String name) {
            return "DROP INDEX " + id(name);
        }
    }

    /**
     * MariaDB/MySQL: a column is changed by one {@code MODIFY} with the model's whole definition (type,
     * nullability, default, auto-increment, comment: MODIFY drops what it does not repeat); identifiers are
     * always back-quoted, as the server's own tools write them.
     */
    public static final class MariaDb extends ServerRenderer {
        private MariaDb() {
        }

        @Override
        protected String id(String name) {
            return "`" + name.replace("`", "``") + "`";
        }

        @Override
        protected String columnDefinition(DbColumn column, boolean notNull) {
            String definition = column.definition() == null ? id(column.name()) + " " + column.type()
                    + (column.notNull() ? " NOT NULL" : " NULL") : column.definition();
            return notNull || !column.notNull() ? definition : definition.replaceFirst(" NOT NULL", " NULL");
        }

        @Override
        protected String setNotNull(String table, DbColumn column) {
            return "ALTER TABLE " + id(table) + " MODIFY " + columnDefinition(column, true);
        }

        @Override
        protected List<String> dropColumn(DbTable table, DbColumn column) {
            List<String> sql = new ArrayList<>();
            // MariaDB refuses to drop a column a foreign key uses: the key goes first
            table.foreignKeys().stream().filter(fk -> fk.name() != null && fk.columns().stream()
                            .anyMatch(c -> c.equalsIgnoreCase(column.name())))
                    .forEach(fk -> sql.add(dropForeignKey(table.name(), fk.name())));
            sql.add("ALTER TABLE " + id(table.name()) + " DROP COLUMN " + id(column.name()));
            return sql;
        }

        @Override
        protected Statements alterColumn(SchemaChange.AlterColumn alter) {
            String table = id(alter.live().name());
            List<String> sql = new ArrayList<>();
            if (alter.fill() != null) {
                String column = id(alter.have().name());
                sql.add("UPDATE " + table + " SET " + column + " = " + alter.fill() + " WHERE " + column + " IS NULL");
            }
            sql.add("ALTER TABLE " + table + " MODIFY " + columnDefinition(alter.want(), alter.want().notNull()));
            return new Statements(sql, List.of("ALTER TABLE " + table + " MODIFY "
                    + columnDefinition(alter.have(), alter.have().notNull())));
        }

        @Override
        protected List<String> primaryKey(DbTable table, List<String> from, List<String> to) {
            List<String> parts = new ArrayList<>();
            if (!from.isEmpty()) {
                parts.add("DROP PRIMARY KEY");
            }
            if (!to.isEmpty()) {
                parts.add("ADD PRIMARY KEY (" + ids(to) + ")");
            }
            return List.of("ALTER TABLE " + id(table.name()) + " " + String.join(", ", parts));
        }

        @Override
        protected String dropForeignKey(String table, String name) {
            return "ALTER TABLE " + id(table) + " DROP FOREIGN KEY " + id(name);
        }

        @Override
        protected String dropUnique(String table, String name) {
            String index = name != null && name.startsWith(ConstraintNames.INDEX)
                    ? name.substring(ConstraintNames.INDEX.length()) : name;
            return dropIndex(table, index);
        }

        @Override
        protected String dropConstraint(String table, String name) {
            return "ALTER TABLE " + id(table) + " DROP CONSTRAINT " + id(name);
        }

        @Override
        protected String dropIndex(String table, String name) {
            return "ALTER TABLE " + id(table) + " DROP INDEX " + id(name);
        }
    }
}
