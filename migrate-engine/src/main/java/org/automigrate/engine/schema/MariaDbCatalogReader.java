package org.automigrate.engine.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MariaDB (or MySQL) database's tables and sequences read from {@code information_schema}, into the same
 * {@link DbSchema} the SQLite reader fills, so that one comparer serves every database: columns with the type,
 * default and whole definition as the server spells them, auto-increment, primary keys, foreign keys with their
 * rules, unique and plain indexes, CHECK constraints and the names a change needs to drop each.
 *
 * <p>Set-based: one query per kind of object for the whole database (tables, columns, indexes, foreign keys,
 * checks), never one per table, because each {@code information_schema} query opens every table of the schema:
 * per table, 1,000 tables would take seconds instead of a fraction of one. Only the sequences (few) need a
 * query each, as MariaDB keeps their start and increment in the sequence itself.
 */
public final class MariaDbCatalogReader {
    private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint",
            "decimal", "numeric", "float", "double", "real", "bit", "year");

    private MariaDbCatalogReader() {
    }

    /** The base tables (views left out) and sequences of {@code database}, names exactly as spelled. */
    public static DbSchema read(Connection connection, String database) throws SQLException {
        boolean mysql = !connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT)
                .contains("mariadb");
        Map<String, String> collations = new LinkedHashMap<>(); // base table -> its default collation
        List<String> sequenceNames = new ArrayList<>();
        query(connection, "select table_name, table_type, table_collation from information_schema.tables "
                + "where table_schema = ? and table_type in ('BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE') "
                + "order by table_name", database, rs -> {
                    if (rs.getString(2).equals("SEQUENCE")) {
                        sequenceNames.add(rs.getString(1));
                    } else {
                        collations.put(rs.getString(1), rs.getString(3));
                    }
                });
        Map<String, Map<String, Index>> indexes = indexes(connection, database);
        Map<String, Map<String, ForeignKey>> foreignKeys = foreignKeys(connection, database);
        Map<String, Map<String, String[]>> checks = checks(connection, database, mysql);
        Map<String, List<DbColumn>> columns = new HashMap<>();
        query(connection, "select table_name, column_name, column_type, is_nullable, column_default, extra, "
                + "column_comment, collation_name, generation_expression, data_type from information_schema.columns "
                + "where table_schema = ? order by table_name, ordinal_position", database, rs -> {
                    String table = rs.getString(1);
                    if (!collations.containsKey(table)) {
                        return; // a view's or a sequence's columns
                    }
                    String name = rs.getString(2);
                    String type = lowerOutsideQuotes(rs.getString(3));
                    boolean notNull = "NO".equals(rs.getString(4));
                    String extra = rs.getString(6) == null ? "" : rs.getString(6);
                    String dflt = defaultValue(rs.getString(5), extra, rs.getString(10), mysql);
                    Index pk = indexes.getOrDefault(table, Map.of()).get("PRIMARY");
                    int pkPosition = pk == null ? 0 : pk.columns.indexOf(name) + 1;
                    String[] columnCheck = checks.getOrDefault(table, Map.of()).values().stream()
                            .filter(c -> c[1].equals("Column") && c[0].equals(name)).findFirst().orElse(null);
                    String collation = rs.getString(8) == null || rs.getString(8).equals(collations.get(table))
                            ? null : rs.getString(8);
                    String definition = definition(name, type, notNull, dflt, extra, rs.getString(7), collation,
                            rs.getString(9), columnCheck == null ? null : columnCheck[2], mysql);
                    boolean autoIncrement = extra.toLowerCase(Locale.ROOT).contains("auto_increment");
                    columns.computeIfAbsent(table, k -> new ArrayList<>()).add(new DbColumn(name, type, notNull, dflt,
                            pkPosition, columnCheck == null ? List.of() : List.of(columnCheck[2]), definition,
                            autoIncrement ? DbColumn.AUTO_INCREMENT : null));
                });
        List<DbTable> tables = new ArrayList<>();
        for (String table : collations.keySet()) {
            tables.add(table(table, columns.getOrDefault(table, List.of()), indexes.getOrDefault(table, Map.of()),
                    foreignKeys.getOrDefault(table, Map.of()), checks.getOrDefault(table, Map.of())));
        }
        List<DbSequence> sequences = new ArrayList<>();
        for (String sequence : sequenceNames) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                    "select start_value, increment from " + quote(database) + "." + quote(sequence))) {
                rs.next();
                sequences.add(new DbSequence(sequence, rs.getLong(1), rs.getLong(2)));
            }
        }
        return new DbSchema(tables, sequences);
    }

    private static DbTable table(String name, List<DbColumn> columns, Map<String, Index> indexes,
                                 Map<String, ForeignKey> foreignKeys, Map<String, String[]> checks) {
        Index pk = indexes.get("PRIMARY");
        List<List<String>> uniques = new ArrayList<>();
        Map<String, String> uniqueNames = new LinkedHashMap<>();
        List<DbIndex> plain = new ArrayList<>();
        indexes.forEach((index, found) -> {
            if (index.equals("PRIMARY") || found.expression) {
                return; // MySQL 8's functional indexes have no column list to compare
            }
            if (found.unique) {
                uniques.add(found.columns);
                uniqueNames.put(ConstraintNames.uniqueKey(found.columns), index);
            } else if (!foreignKeys.containsKey(index)) { // InnoDB's index for a foreign key bears its name
                plain.add(new DbIndex(index, false, found.columns, null));
            }
        });
        List<DbForeignKey> keys = foreignKeys.entrySet().stream().map(e -> new DbForeignKey(e.getValue().columns,
                e.getValue().refTable, e.getValue().refColumns, e.getValue().onDelete, e.getValue().onUpdate,
                e.getKey())).toList();
        List<String> checkDefinitions = new ArrayList<>();
        Map<String, String> checkNames = new LinkedHashMap<>();
        checks.forEach((constraint, check) -> {
            if (check[1].equals("Column")) {
                return; // written on the column: its definition carries it, and only a MODIFY changes it
            }
            checkDefinitions.add(check[2]);
            checkNames.put(check[2], constraint);
        });
        return new DbTable(name, null, columns, pk == null ? List.of() : pk.columns, keys, uniques, plain,
                checkDefinitions, List.of(), new ConstraintNames(pk == null ? null : "PRIMARY", uniqueNames, checkNames));
    }

    /** Table to index name (in name order) to its columns in index order; {@code PRIMARY} is the primary key. */
    private static Map<String, Map<String, Index>> indexes(Connection connection, String database) throws SQLException {
        Map<String, Map<String, Index>> result = new HashMap<>();
        query(connection, "select table_name, index_name, non_unique, column_name from information_schema.statistics "
                + "where table_schema = ? order by table_name, index_name, seq_in_index", database, rs -> {
                    Index index = result.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new Index(new ArrayList<>()));
                    index.unique = rs.getInt(3) == 0;
                    if (rs.getString(4) == null) {
                        index.expression = true;
                    } else {
                        index.columns.add(rs.getString(4));
                    }
                });
        return result;
    }

    /** Table to constraint name (in name order) to its columns, referenced table and columns, and rules. */
    private static Map<String, Map<String, ForeignKey>> foreignKeys(Connection connection, String database)
            throws SQLException {
        Map<String, Map<String, ForeignKey>> result = new HashMap<>();
        query(connection, "select k.table_name, k.constraint_name, k.column_name, k.referenced_table_name, "
                + "k.referenced_column_name, r.delete_rule, r.update_rule from information_schema.key_column_usage k "
                + "left join information_schema.referential_constraints r on r.constraint_schema = ? "
                + "and r.constraint_schema = k.constraint_schema "
                + "and r.table_name = k.table_name and r.constraint_name = k.constraint_name "
                + "where k.table_schema = ? and k.referenced_table_name is not null "
                + "order by k.table_name, k.constraint_name, k.ordinal_position", database, rs -> {
                    ForeignKey key = result.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new ForeignKey(new ArrayList<>(), new ArrayList<>()));
                    key.columns.add(rs.getString(3));
                    key.refTable = rs.getString(4);
                    key.refColumns.add(rs.getString(5));
                    key.onDelete = rs.getString(6);
                    key.onUpdate = rs.getString(7);
                });
        for (Map.Entry<String, Map<String, ForeignKey>> table : result.entrySet()) {
            if (table.getValue().values().stream().anyMatch(key -> key.onDelete == null)) {
                rulesFromCreateTable(connection, database, table.getKey(), table.getValue());
            }
        }
        return result;
    }

    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "CONSTRAINT `((?:[^`]|``)+)` FOREIGN KEY [^\\n]*?REFERENCES [^\\n]*?\\)((?: ON (?:DELETE|UPDATE) "
                    + "(?:RESTRICT|CASCADE|SET NULL|SET DEFAULT|NO ACTION))*)");

    /**
     * A user with only SELECT sees a table's foreign keys in {@code key_column_usage} but not their rules in
     * {@code referential_constraints} (MariaDB shows those only with more than SELECT): then they are read from
     * {@code SHOW CREATE TABLE}, which SELECT allows, where a rule not written is {@code RESTRICT}.
     */
    private static void rulesFromCreateTable(Connection connection, String database, String table,
                                             Map<String, ForeignKey> keys) throws SQLException {
        String ddl;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("show create table " + quote(database) + "." + quote(table))) {
            ddl = rs.next() ? rs.getString(2) : "";
        }
        Matcher m = FOREIGN_KEY.matcher(ddl);
        while (m.find()) {
            ForeignKey key = keys.get(m.group(1).replace("``", "`"));
            if (key == null || key.onDelete != null) {
                continue;
            }
            String rules = m.group(2);
            key.onDelete = rule(rules, "DELETE");
            key.onUpdate = rule(rules, "UPDATE");
        }
        keys.values().forEach(key -> {
            key.onDelete = key.onDelete == null ? "RESTRICT" : key.onDelete;
            key.onUpdate = key.onUpdate == null ? "RESTRICT" : key.onUpdate;
        });
    }

    private static String rule(String rules, String event) {
        Matcher m = Pattern.compile("ON " + event + " (RESTRICT|CASCADE|SET NULL|SET DEFAULT|NO ACTION)").matcher(rules);
        return m.find() ? m.group(1) : "RESTRICT";
    }

    /**
     * Table to constraint name to {name, level, {@code CHECK (<clause>)}}. MariaDB names a check written on a
     * column after the column ({@code level} {@code Column}); MySQL 8 has no levels and its
     * {@code check_constraints} no table name, so it is joined to {@code table_constraints}.
     */
    private static Map<String, Map<String, String[]>> checks(Connection connection, String database, boolean mysql)
            throws SQLException {
        String sql = mysql
                ? "select tc.table_name, cc.constraint_name, 'Table', cc.check_clause from "
                  + "information_schema.check_constraints cc join information_schema.table_constraints tc "
                  + "on tc.constraint_schema = cc.constraint_schema and tc.constraint_name = cc.constraint_name "
                  + "and tc.constraint_type = 'CHECK' where cc.constraint_schema = ? and tc.table_schema = ? "
                  + "order by 1, 2"
                : "select table_name, constraint_name, level, check_clause from information_schema.check_constraints "
                  + "where constraint_schema = ? order by 1, 2";
        Map<String, Map<String, String[]>> result = new HashMap<>();
        query(connection, sql, database, rs -> result.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                .put(rs.getString(2), new String[] {rs.getString(2), rs.getString(3),
                        "CHECK (" + rs.getString(4) + ")"}));
        return result;
    }

    /**
     * The default as the server spells it, or null when there is none (MariaDB says {@code NULL} as text). MySQL 8
     * leaves string defaults unquoted; they are quoted here, unless {@code extra} marks an expression
     * ({@code DEFAULT_GENERATED}) or the column is numeric.
     */
    private static String defaultValue(String dflt, String extra, String dataType, boolean mysql) {
        if (dflt == null || !mysql && dflt.equalsIgnoreCase("NULL")) {
            return null;
        }
        if (!mysql || extra.contains("DEFAULT_GENERATED") || NUMERIC.contains(dataType.toLowerCase(Locale.ROOT))
                || dflt.startsWith("b'") || dflt.startsWith("0x")) {
            return dflt;
        }
        return "'" + dflt.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * The definition {@code ALTER TABLE t MODIFY} needs to keep everything the column has: a MODIFY that leaves
     * out the default, {@code AUTO_INCREMENT}, {@code ON UPDATE}, the comment, a collation other than the table's
     * or a CHECK written on the column drops it without a word.
     */
    private static String definition(String name, String type, boolean notNull, String dflt, String extra,
                                     String comment, String collation, String generatedAs, String check,
                                     boolean mysql) {
        String lower = extra.toLowerCase(Locale.ROOT);
        StringBuilder sql = new StringBuilder(quote(name)).append(' ').append(type);
        if (collation != null) {
            sql.append(" COLLATE ").append(collation);
        }
        if (generatedAs != null && lower.contains("generated") && !lower.contains("default_generated")) {
            sql.append(" AS (").append(generatedAs).append(lower.contains("stored") ? ") STORED" : ") VIRTUAL");
        } else {
            sql.append(notNull ? " NOT NULL" : " NULL");
            if (dflt != null) {
                boolean expression = mysql && extra.contains("DEFAULT_GENERATED")
                        && !dflt.toLowerCase(Locale.ROOT).startsWith("current_timestamp");
                sql.append(" DEFAULT ").append(expression ? "(" + dflt + ")" : dflt);
            }
        }
        if (lower.contains("auto_increment")) {
            sql.append(" AUTO_INCREMENT");
        }
        int onUpdate = lower.indexOf("on update");
        if (onUpdate >= 0) {
            sql.append(" ON UPDATE ").append(extra.substring(onUpdate + "on update".length())
                    .split("(?i) (invisible|auto_increment)")[0].strip());
        }
        if (lower.contains("invisible")) {
            sql.append(" INVISIBLE");
        }
        if (comment != null && !comment.isEmpty()) {
            sql.append(" COMMENT '").append(comment.replace("\\", "\\\\").replace("'", "''")).append('\'');
        }
        if (check != null) {
            sql.append(' ').append(check);
        }
        return sql.toString();
    }

    /** A column type in lower case, except the values of an {@code enum(...)} or {@code set(...)}. */
    private static String lowerOutsideQuotes(String type) {
        StringBuilder result = new StringBuilder(type.length());
        boolean quoted = false;
        for (char c : type.toCharArray()) {
            quoted ^= c == '\'';
            result.append(quoted ? c : Character.toLowerCase(c));
        }
        return result.toString();
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** Runs {@code sql} with {@code database} bound to every parameter, passing each row on. */
    private static void query(Connection connection, String sql, String database, Row row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 1; i <= sql.chars().filter(c -> c == '?').count(); i++) {
                ps.setString(i, database);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static final class Index {
        final List<String> columns;
        boolean unique;
        boolean expression;

        Index(List<String> columns) {
            this.columns = columns;
        }
    }

    private static final class ForeignKey {
        final List<String> columns;
        final List<String> refColumns;
        String refTable;
        String onDelete;
        String onUpdate;

        ForeignKey(List<String> columns, List<String> refColumns) {
            this.columns = columns;
            this.refColumns = refColumns;
        }
    }
}
