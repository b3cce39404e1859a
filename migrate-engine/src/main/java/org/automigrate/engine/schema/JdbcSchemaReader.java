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

    /**
     * The type as DDL declares it, from the driver's type name, size and digits: PostgreSQL's internal names
     * ({@code int8}, {@code bool}, {@code timestamptz}) as written in DDL ({@code bigint}, {@code boolean},
     * {@code timestamp with time zone}), lengths of character types, precision and scale of decimals; MariaDB's
     * upper-case names in lower case. (A stopgap until the catalog readers report declared types themselves.)
     */
    static String declaredType(String typeName, int size, int digits) {
        String name = switch (typeName.toLowerCase(Locale.ROOT)) {
            case "int8", "bigserial" -> "bigint";
            case "int4", "serial" -> "integer";
            case "int2", "smallserial" -> "smallint";
            case "bool" -> "boolean";
            case "float8" -> "double precision";
            case "float4" -> "real";
            case "timestamptz" -> "timestamp with time zone";
            case "timetz" -> "time with time zone";
            case "bpchar" -> "char";
            default -> typeName.toLowerCase(Locale.ROOT);
        };
        if (name.equals("varchar") || name.equals("char") || name.equals("varbinary") || name.equals("binary")) {
            return name + "(" + size + ")";
        }
        if ((name.equals("numeric") || name.equals("decimal")) && size > 0 && size <= 1000) {
            return name + "(" + size + "," + digits + ")";
        }
        return name;
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
                String type = declaredType(rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"));
                String dflt = rs.getString("COLUMN_DEF");
                columns.add(new DbColumn(column, type, rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls,
                        "NULL".equalsIgnoreCase(dflt) ? null : dflt, pk.getOrDefault(column, 0), List.of(),
                        column + " " + type));
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
