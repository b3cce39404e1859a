package org.automigrate.it.rollback;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** Step 1: rows in the v1 schema, which the rollback of v2 and v3 must keep. */
class InsertRowsTest {

    @Test
    void insertsRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty("db.url"));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into Author (id, name) values (1, 'Ada Lovelace'), (2, 'Grace Hopper')");
            statement.executeUpdate("insert into Book (isbn, title, author_id) values "
                    + "('978-1', 'Notes on the Analytical Engine', 1), ('978-2', 'Compilers', 2), ('978-3', 'COBOL', 2)");
        }
    }
}
