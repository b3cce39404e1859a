package org.automigrate.it.restore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** Step 2: the v2 database gets rows the named backup does not have. */
class ChangeRowsTest {

    @Test
    void changesRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty("db.url"));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into Author (name) values ('Linus Torvalds')");
            statement.executeUpdate("update Author set name = 'Ada King' where name = 'Ada Lovelace'");
            statement.executeUpdate("insert into Publisher (name) values ('Addison-Wesley')");
        }
    }
}
