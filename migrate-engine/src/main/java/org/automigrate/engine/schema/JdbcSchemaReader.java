package org.automigrate.engine.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A server database's tables read through JDBC metadata (columns, primary key, foreign keys, unique and
 * plain indexes), for what the engine shows of a schema (the report's diagram, the table list). The
 * comparison itself is Liquibase's, on both databases alike.
 */
public final class JdbcSchemaReader {
    private JdbcSchemaReader() {
    }

    /** The tables of {@code catalog}/{@code schema} (either may be null). */
    public static DbSchema read(Connection connection, String catalog, String schema) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(catalog, schema, null, new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        List<DbTable> tables = new ArrayList<>();
        for (String name : names) {
            tables.add(table(meta, catalog, schema, name));
        }
        return new DbSchema(tables);
    }

    private static DbTable table(DatabaseMetaData meta, String catalog, String schema, String name) throws SQLException {
        Map<String, Integer> pk = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<String> primaryKey = new ArrayList<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, name)) {
            Map<Integer, String> bySeq = new TreeMap<>();
            while (rs.next()) {
                bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
            bySeq.forEach((seq, column) -> {
                pk.put(column, seq);
                primaryKey.add(column);
            });
        }
        List<DbColumn> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, name, null)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                String type = rs.getString("TYPE_NAME");
                if (type.toLowerCase(Locale.ROOT).contains("char")) {
                    type = type + "(" + rs.getInt("COLUMN_SIZE") + ")";
                }
                columns.add(new DbColumn(column, type, rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls,
                        rs.getString("COLUMN_DEF"), pk.getOrDefault(column, 0), List.of(), column + " " + type));
            }
        }
        Map<String, List<String[]>> fks = new LinkedHashMap<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, name)) {
            while (rs.next()) {
                fks.computeIfAbsent(String.valueOf(rs.getString("FK_NAME")), k -> new ArrayList<>()).add(new String[] {
                        rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME")});
            }
        }
        List<DbForeignKey> foreignKeys = new ArrayList<>();
        fks.values().forEach(parts -> foreignKeys.add(new DbForeignKey(parts.stream().map(p -> p[0]).toList(),
                parts.get(0)[1], parts.stream().map(p -> p[2]).toList(), "NO ACTION", "NO ACTION")));
        Map<String, List<String>> uniqueIndexes = new LinkedHashMap<>();
        Map<String, List<String>> plainIndexes = new LinkedHashMap<>();
        try (ResultSet rs = meta.getIndexInfo(catalog, schema, name, false, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index == null || column == null) {
                    continue;
                }
                (rs.getBoolean("NON_UNIQUE") ? plainIndexes : uniqueIndexes)
                        .computeIfAbsent(index, k -> new ArrayList<>()).add(column);
            }
        }
        List<List<String>> uniques = new ArrayList<>();
        uniqueIndexes.values().stream().filter(cols -> !cols.equals(primaryKey)).forEach(uniques::add);
        List<DbIndex> indexes = new ArrayList<>();
        plainIndexes.forEach((index, cols) -> indexes.add(new DbIndex(index, false, cols, null)));
        return new DbTable(name, null, columns, primaryKey, foreignKeys, uniques, indexes, List.of(), List.of());
    }
}
