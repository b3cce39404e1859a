package org.automigrate.engine.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A checksum of a SQLite database's schema and every row of every table, and of raw files. */
public final class DbChecksum {

    private DbChecksum() {
    }

    /** Checksum of the schema and rows of every table but the excluded ones (e.g. the run history). */
    public static String of(Path dbFile, String... excludedTables) throws Exception {
        java.util.Set<String> excluded = new java.util.HashSet<>();
        for (String t : excludedTables) {
            excluded.add(t.toLowerCase(java.util.Locale.ROOT));
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile)) {
            List<String> tables = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select type, name, sql from sqlite_master order by type, name")) {
                while (rs.next()) {
                    if (excluded.contains(rs.getString(2).toLowerCase(java.util.Locale.ROOT))) {
                        continue;
                    }
                    digest.update((rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    if ("table".equals(rs.getString(1))) {
                        tables.add(rs.getString(2));
                    }
                }
            }
            for (String table : tables) {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select * from \"" + table + "\" order by 1")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table).append(':');
                        for (int i = 1; i <= n; i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        digest.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String ofFile(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
