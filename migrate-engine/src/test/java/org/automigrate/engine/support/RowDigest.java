package org.automigrate.engine.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The row count and a SHA-256 of every value a query returns, to show that chosen columns of a table
 * hold exactly the same data before and after a migration (the query names the columns and the order).
 */
public record RowDigest(long rows, String sha256) {

    public static RowDigest of(Path dbFile, String sql) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object value = rs.getObject(i);
                    // the type is part of the value: 1 and '1' differ
                    row.append(value == null ? "NULL" : value.getClass().getSimpleName() + ":" + value).append('|');
                }
                digest.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                rows++;
            }
        }
        return new RowDigest(rows, HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public String toString() {
        return rows + " rows, sha256 " + sha256.substring(0, 16);
    }
}
