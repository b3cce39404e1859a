package org.automigrate.engine.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one PostgreSQL schema from {@code pg_catalog} into a {@link DbSchema}: its tables (ordinary and
 * partitioned, not partitions or views) with columns as {@code format_type} spells their types, identity and
 * {@code serial} columns, primary keys, foreign keys with their rules, unique constraints and unique indexes,
 * plain indexes, CHECK constraints, and the sequences no column owns, each constraint with its name.
 *
 * <p>Set-based: one query per kind of object for the whole schema, never one per table, so a schema of a thousand
 * tables reads in a handful of round trips (JDBC metadata and Liquibase's snapshot ask per table). Only
 * {@code pg_catalog} is read, which every user may read: a user with USAGE on the schema sees what its owner
 * sees ({@code information_schema.table_constraints} hides the constraints of tables one does not own).
 * Indexes with expressions or predicates are left out: the model never makes them, and what the reader does not
 * show the engine never drops.
 *
 * <p>While it reads, the schema comes first in the connection's {@code search_path}, so that the names the catalog
 * functions print (a {@code serial}'s {@code nextval('customer_id_seq'::regclass)}, a type of the schema, one of
 * {@code public} such as an extension's) are spelled the same for a shadow schema as for the live one: without
 * a schema. The path is restored afterwards.
 */
public final class PostgresCatalogReader {
    private static final String TABLES = "c.relkind in ('r', 'p') and not c.relispartition and n.nspname = ?";
    private static final String FROM_TABLES = " from pg_class c join pg_namespace n on n.oid = c.relnamespace ";

    private PostgresCatalogReader() {
    }

    /** The tables and sequences of {@code schema} (its name exactly as spelled, e.g. {@code public}). */
    public static DbSchema read(Connection connection, String schema) throws SQLException {
        String searchPath = value(connection, "select current_setting('search_path')", null);
        value(connection, "select set_config('search_path', quote_ident(?) || ', ' || current_setting('search_path'), "
                + "false)", schema);
        DbSchema read;
        try {
            read = readSchema(connection, schema);
        } catch (SQLException | RuntimeException e) {
            try {
                value(connection, "select set_config('search_path', ?, false)", searchPath);
            } catch (SQLException restore) {
                e.addSuppressed(restore); // an aborted transaction refuses it; its rollback restores the path
            }
            throw e;
        }
        value(connection, "select set_config('search_path', ?, false)", searchPath);
        return read;
    }

    private static DbSchema readSchema(Connection connection, String schema) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        query(connection, "select c.relname" + FROM_TABLES + "where " + TABLES + " order by c.relname", schema,
                rs -> tables.put(rs.getString(1), new Table(rs.getString(1))));
        query(connection, "select c.relname, a.attname, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), "
                + "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
                + "exists (select 1 from pg_depend o join pg_class s on s.oid = o.objid and s.relkind = 'S' "
                + "  join pg_depend u on u.refclassid = 'pg_class'::regclass and u.refobjid = s.oid "
                + "   and u.classid = 'pg_attrdef'::regclass and u.objid = d.oid "
                + "  where o.classid = 'pg_class'::regclass and o.refclassid = 'pg_class'::regclass "
                + "   and o.refobjid = a.attrelid and o.refobjsubid = a.attnum and o.deptype = 'a')"
                + FROM_TABLES + "join pg_attribute a on a.attrelid = c.oid "
                + "left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum "
                + "where " + TABLES + " and a.attnum > 0 and not a.attisdropped order by c.relname, a.attnum", schema,
                rs -> table(tables, rs).columns.add(column(rs)));
        query(connection, "select c.relname, con.conname, con.contype, a.attname, r.relname, ra.attname, "
                + "con.confdeltype, con.confupdtype, case when con.contype = 'c' then pg_get_constraintdef(con.oid) end"
                + FROM_TABLES
                + "join pg_constraint con on con.conrelid = c.oid and con.contype in ('p', 'f', 'c') "
                + "and con.conparentid = 0 "
                + "left join lateral unnest(con.conkey, con.confkey) with ordinality k(attnum, refnum, n) "
                + "  on con.contype in ('p', 'f') "
                + "left join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum "
                + "left join pg_class r on r.oid = con.confrelid "
                + "left join pg_attribute ra on ra.attrelid = con.confrelid and ra.attnum = k.refnum "
                + "where " + TABLES + " order by c.relname, con.conname, k.n", schema,
                rs -> table(tables, rs).constraint(rs));
        query(connection, "select c.relname, i.indisunique, x.relname, a.attname, "
                + "(select con.conname from pg_constraint con where con.conindid = i.indexrelid "
                + "  and con.conrelid = i.indrelid and con.contype in ('p', 'u', 'x')), "
                + "case when not i.indisunique then pg_get_indexdef(i.indexrelid) end, quote_ident(n.nspname)"
                + FROM_TABLES + "join pg_index i on i.indrelid = c.oid and not i.indisprimary "
                + "and i.indpred is null and i.indexprs is null join pg_class x on x.oid = i.indexrelid "
                + "join lateral unnest(i.indkey::int2[]) with ordinality k(attnum, n) on k.n <= i.indnkeyatts "
                + "join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum "
                + "where " + TABLES + " order by c.relname, x.relname, k.n", schema,
                rs -> table(tables, rs).index(rs));
        List<DbSequence> sequences = new ArrayList<>();
        query(connection, "select c.relname, s.seqstart, s.seqincrement" + FROM_TABLES
                + "join pg_sequence s on s.seqrelid = c.oid where c.relkind = 'S' and n.nspname = ? "
                + "and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass "
                + "  and d.objid = c.oid and d.refclassid = 'pg_class'::regclass and d.refobjsubid > 0 "
                + "  and d.deptype in ('a', 'i')) order by c.relname", schema,
                rs -> sequences.add(new DbSequence(rs.getString(1), rs.getLong(2), rs.getLong(3))));
        return new DbSchema(tables.values().stream().map(Table::toDbTable).toList(), sequences);
    }

    /**
     * The table a row is about. Each query sees the catalog as it is when it runs: the rows of a table created
     * after the first query go to a table that is thrown away.
     */
    private static Table table(Map<String, Table> tables, ResultSet rs) throws SQLException {
        Table table = tables.get(rs.getString(1));
        return table != null ? table : new Table(rs.getString(1));
    }

    private static DbColumn column(ResultSet rs) throws SQLException {
        String type = rs.getString(4);
        String defaultValue = rs.getString(6);
        String identity = rs.getString(7);
        String generated = switch (identity == null ? "" : identity) {
            case "d" -> DbColumn.IDENTITY;
            case "a" -> DbColumn.IDENTITY_ALWAYS;
            default -> rs.getBoolean(9) && defaultValue != null && defaultValue.startsWith("nextval(")
                    ? DbColumn.SERIAL : null;
        };
        String computed = rs.getString(8);
        if (computed != null && !computed.isEmpty() && defaultValue != null) {
            defaultValue = "GENERATED ALWAYS AS " + defaultValue;
        }
        return new DbColumn(rs.getString(2), type, rs.getBoolean(5), defaultValue, 0, List.of(),
                rs.getString(3) + " " + type, generated);
    }

    /** A foreign key's rule as {@code pg_constraint} codes it ({@code confdeltype}, {@code confupdtype}). */
    private static String rule(String code) {
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    /** One table's rows of the queries, gathered until it becomes a {@link DbTable}. */
    private static final class Table {
        final String name;
        final List<DbColumn> columns = new ArrayList<>();
        final List<String> primaryKey = new ArrayList<>();
        String primaryKeyName;
        final Map<String, DbForeignKey> foreignKeys = new LinkedHashMap<>();
        final List<Index> indexes = new ArrayList<>();
        final List<String> checks = new ArrayList<>();
        final Map<String, String> checkNames = new HashMap<>();

        Table(String name) {
            this.name = name;
        }

        void constraint(ResultSet rs) throws SQLException {
            String constraint = rs.getString(2);
            switch (rs.getString(3)) {
                case "p" -> {
                    primaryKeyName = constraint;
                    primaryKey.add(rs.getString(4));
                }
                case "f" -> {
                    DbForeignKey key = foreignKeys.getOrDefault(constraint,
                            new DbForeignKey(List.of(), null, List.of(), null, null, constraint));
                    foreignKeys.put(constraint, new DbForeignKey(append(key.columns(), rs.getString(4)),
                            rs.getString(5), append(key.refColumns(), rs.getString(6)), rule(rs.getString(7)),
                            rule(rs.getString(8)), constraint));
                }
                default -> {
                    checks.add(rs.getString(9));
                    checkNames.put(rs.getString(9), constraint);
                }
            }
        }

        void index(ResultSet rs) throws SQLException {
            String index = rs.getString(3);
            if (indexes.isEmpty() || !indexes.get(indexes.size() - 1).name().equals(index)) {
                // pg_get_indexdef always names the table's schema; without it the statement is the same for the
                // shadow and the live schema, and runs in the schema the search_path names
                String sql = rs.getString(6);
                if (sql != null) {
                    sql = sql.replaceFirst(" ON (ONLY )?" + Pattern.quote(rs.getString(7) + "."), " ON $1");
                }
                indexes.add(new Index(index, rs.getBoolean(2), rs.getString(5), sql, new ArrayList<>()));
            }
            indexes.get(indexes.size() - 1).columns().add(rs.getString(4));
        }

        DbTable toDbTable() {
            List<DbColumn> keyed = columns.stream().map(c -> new DbColumn(c.name(), c.type(), c.notNull(),
                    c.defaultValue(), primaryKey.indexOf(c.name()) + 1, c.checks(), c.definition(), c.generated()))
                    .toList();
            Set<List<String>> uniques = new LinkedHashSet<>();
            Map<String, String> uniqueNames = new HashMap<>();
            List<DbIndex> plain = new ArrayList<>();
            // two uniques on the same columns count once, under the constraint's name (a DROP INDEX of the index
            // under a constraint fails)
            indexes.stream().sorted(Comparator.comparing(index -> index.constraint() == null)).forEach(index -> {
                if (index.unique()) {
                    uniques.add(index.columns());
                    uniqueNames.putIfAbsent(ConstraintNames.uniqueKey(index.columns()),
                            index.constraint() != null ? index.constraint() : ConstraintNames.INDEX + index.name());
                } else if (index.constraint() == null) {
                    plain.add(new DbIndex(index.name(), false, index.columns(), index.sql()));
                }
            });
            return new DbTable(name, null, keyed, primaryKey, List.copyOf(foreignKeys.values()), List.copyOf(uniques),
                    plain, checks, List.of(), new ConstraintNames(primaryKeyName, uniqueNames, checkNames));
        }

        private static List<String> append(List<String> list, String element) {
            List<String> longer = new ArrayList<>(list);
            longer.add(element);
            return longer;
        }
    }

    /** An index's rows, one per key column; {@code constraint} names the constraint it backs, or is null. */
    private record Index(String name, boolean unique, String constraint, String sql, List<String> columns) {
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection connection, String sql, String schema, Row row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    private static String value(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
