package org.automigrate.it.pending;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** Step 1: rows in both tables; v2 drops Note. */
class InsertRowsTest {

    @Test
    void insertsRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty("db.url"));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into Author (name) values ('Ada Lovelace'), ('Grace Hopper')");
            statement.executeUpdate("insert into Note (body) values ('first'), ('second'), ('third')");
        }
    }
}
