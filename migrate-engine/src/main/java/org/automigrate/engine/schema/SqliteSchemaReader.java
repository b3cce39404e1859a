package org.automigrate.engine.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads a SQLite schema exactly, table by table, with {@code sqlite_master} and the PRAGMAs: declared
 * types, nullability, defaults, keys, unique constraints, indexes and CHECK expressions. (Liquibase's
 * SQLite snapshot gets several of these wrong and fails beyond about 500 columns.)
 */
public final class SqliteSchemaReader {

    private SqliteSchemaReader() {
    }

    /**
     * @param include         which tables to read (by name)
     * @param withSeedRows    also read the rows of tables that have any, as INSERT statements
     *                        (for the model's shadow, where only generator tables hold rows)
     */
    public static DbSchema read(Connection connection, Predicate<String> include, boolean withSeedRows)
            throws SQLException {
        Map<String, String> tableSql = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<String[]>> indexSql = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(
                     "select type, name, tbl_name, sql from sqlite_master where type in ('table','index') "
                             + "and name not like 'sqlite_%' order by name")) {
            while (rs.next()) {
                if ("table".equals(rs.getString(1))) {
                    tableSql.put(rs.getString(2), rs.getString(4));
                } else if (rs.getString(4) != null) {
                    indexSql.computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                            .add(new String[] {rs.getString(2), rs.getString(4)});
                }
            }
        }
        List<DbTable> tables = new ArrayList<>();
        for (Map.Entry<String, String> entry : tableSql.entrySet()) {
            if (include.test(entry.getKey())) {
                tables.add(readTable(connection, entry.getKey(), entry.getValue(),
                        indexSql.getOrDefault(entry.getKey(), List.of()), withSeedRows));
            }
        }
        return new DbSchema(tables);
    }

    private static DbTable readTable(Connection connection, String name, String sql, List<String[]> createdIndexes,
                                     boolean withSeedRows) throws SQLException {
        CreateTableSql parsed = CreateTableSql.parse(sql);
        List<DbColumn> columns = new ArrayList<>();
        Map<Integer, String> pk = new TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("pragma table_info(" + quote(name) + ")")) {
            while (rs.next()) {
                String column = rs.getString("name");
                int pkPosition = rs.getInt("pk");
                if (pkPosition > 0) {
                    pk.put(pkPosition, column);
                }
                CreateTableSql.ColumnDef def = parsed.column(column);
                columns.add(new DbColumn(column, rs.getString("type"), rs.getInt("notnull") == 1,
                        rs.getString("dflt_value"), pkPosition,
                        def == null ? List.of() : def.checks(), def == null ? column : def.text()));
            }
        }
        List<DbForeignKey> foreignKeys = readForeignKeys(connection, name);
        List<List<String>> uniques = new ArrayList<>();
        List<DbIndex> indexes = new ArrayList<>();
        Map<String, String> sqlByIndex = new LinkedHashMap<>();
        createdIndexes.forEach(i -> sqlByIndex.put(i[0], i[1]));
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("pragma index_list(" + quote(name) + ")")) {
            List<String[]> list = new ArrayList<>();
            while (rs.next()) {
                list.add(new String[] {rs.getString("name"), rs.getString("unique"), rs.getString("origin")});
            }
            for (String[] index : list) {
                List<String> indexColumns = indexColumns(connection, index[0]);
                switch (index[2]) {
                    case "u" -> uniques.add(indexColumns);
                    case "c" -> indexes.add(new DbIndex(index[0], "1".equals(index[1]), indexColumns,
                            sqlByIndex.get(index[0])));
                    default -> {
                        // "pk": the primary key's own index, already known from table_info
                    }
                }
            }
        }
        indexes.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        List<String> seedRows = withSeedRows ? seedRows(connection, name) : List.of();
        return new DbTable(name, sql, columns, List.copyOf(pk.values()), foreignKeys, uniques, indexes,
                parsed.tableChecks(), seedRows);
    }

    private static List<DbForeignKey> readForeignKeys(Connection connection, String table) throws SQLException {
        Map<Integer, List<String[]>> byId = new TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("pragma foreign_key_list(" + quote(table) + ")")) {
            while (rs.next()) {
                byId.computeIfAbsent(rs.getInt("id"), k -> new ArrayList<>()).add(new String[] {
                        rs.getString("table"), rs.getString("from"), rs.getString("to"),
                        rs.getString("on_update"), rs.getString("on_delete")});
            }
        }
        List<DbForeignKey> result = new ArrayList<>();
        for (List<String[]> rows : byId.values()) {
            List<String> from = rows.stream().map(r -> r[1]).toList();
            List<String> to = rows.stream().map(r -> r[2] == null ? "" : r[2]).toList();
            String[] first = rows.get(0);
            result.add(new DbForeignKey(from, first[0], to, first[4], first[3]));
        }
        return result;
    }

    private static List<String> indexColumns(Connection connection, String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("pragma index_info(" + quote(index) + ")")) {
            while (rs.next()) {
                columns.add(rs.getString("name"));
            }
        }
        return columns;
    }

    private static List<String> seedRows(Connection connection, String table) throws SQLException {
        List<String> inserts = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select * from " + quote(table))) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder values = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.append(i > 1 ? ", " : "").append(literal(rs.getObject(i)));
                }
                inserts.add("insert into " + identifier(table) + " values (" + values + ")");
            }
        }
        return inserts;
    }

    private static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /**
     * An identifier for SQL we write, quoted only when it needs to be, so changelogs stay readable: a name
     * that is not a plain word (letters, digits, {@code _}, no digit first), or one of SQLite's keywords
     * ({@code group}, {@code order}, {@code from}). SQLite accepts some keywords unquoted where a name is
     * expected, but not everywhere ({@code alter table group} fails): every keyword is quoted.
     */
    public static String identifier(String name) {
        return PLAIN.matcher(name).matches() && !KEYWORDS.contains(name.toUpperCase(Locale.ROOT)) ? name : quote(name);
    }

    /** SQLite's keywords, upper case. */
    public static Set<String> keywords() {
        return KEYWORDS;
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * SQLite's keywords, as listed at sqlite.org/lang_keywords.html (what {@code sqlite3_keyword_check}
     * answers; sqlite-jdbc does not expose that function). SQLite adds one now and then ({@code RETURNING}
     * in 3.35): a word missing here is only written unquoted, as before.
     */
    private static final Set<String> KEYWORDS = Set.of(("ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC "
            + "ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT "
            + "CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE "
            + "DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN "
            + "FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE "
            + "IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT "
            + "MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER "
            + "PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE "
            + "RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN "
            + "TIES TO TRANSACTION TRIGGER UNBOUNDED UNION UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE "
            + "WINDOW WITH WITHOUT").split(" "));

    /** Quotes an identifier for SQLite. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
