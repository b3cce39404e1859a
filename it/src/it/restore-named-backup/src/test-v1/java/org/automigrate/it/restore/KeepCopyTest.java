package org.automigrate.it.restore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/**
 * Step 1: rows in the v1 database, then a consistent copy of it kept under a fixed backup name, the
 * way an operator keeps a known-good state ({@code VACUUM INTO} is SQLite's online copy). Step 4
 * restores it by that name.
 */
class KeepCopyTest {

    static final String NAMED = "restore-named-backup.db.backup_20260101_000000";

    @Test
    void insertsRowsAndKeepsACopy() throws Exception {
        String url = System.getProperty("db.url");
        Path backups = Path.of(url.substring("jdbc:sqlite:".length())).getParent().resolve("backups");
        Files.createDirectories(backups);
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement insert = connection.createStatement()) {
                insert.executeUpdate("insert into Author (name) values ('Ada Lovelace'), ('Grace Hopper')");
            }
            try (Statement copy = connection.createStatement()) {
                copy.executeUpdate("VACUUM INTO '" + backups.resolve(NAMED).toString().replace("'", "''") + "'");
            }
        }
    }
}
