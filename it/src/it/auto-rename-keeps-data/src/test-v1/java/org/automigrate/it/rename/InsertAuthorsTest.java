package org.automigrate.it.rename;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** Step 1: authors in the v1 schema, whose names the rename must keep. */
class InsertAuthorsTest {

    @Test
    void insertsAuthors() throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty("db.url"));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into Author (fullName) values ('Ada Lovelace'), ('Grace Hopper')");
        }
    }
}
