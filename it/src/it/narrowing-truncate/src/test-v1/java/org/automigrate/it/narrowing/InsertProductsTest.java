package org.automigrate.it.narrowing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * Step 1: two rows, the second 40 characters long (v2 allows 30), then a consistent copy of the database
 * ({@code VACUUM INTO}) and its checksum: step 2 runs on the copy and must leave it byte for byte.
 */
class InsertProductsTest {

    @Test
    void insertsProductsAndKeepsACopy() throws Exception {
        String url = System.getProperty("db.url");
        Path copy = Path.of(url.substring("jdbc:sqlite:".length())).resolveSibling("copy.db");
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement insert = connection.createStatement()) {
                insert.executeUpdate("insert into Product (name) values ('short'), ('" + "x".repeat(40) + "')");
            }
            try (Statement vacuum = connection.createStatement()) {
                vacuum.executeUpdate("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
            }
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(copy)));
        Files.writeString(copy.resolveSibling("copy.db.sha256"), sha);
    }
}
