package org.automigrate.it.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Step 1: rows in the v1 schema, which step 2 must keep. */
class InsertRowsTest {

    @Test
    void insertsRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty("db.url"))) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into Customer (email, name) values (?, ?)")) {
                for (String name : new String[] {"ada", "grace", "linus"}) {
                    insert.setString(1, name + "@example.org");
                    insert.setString(2, name);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into Product (sku, name) values (?, ?)")) {
                insert.setString(1, "SKU-1");
                insert.setString(2, "Slide rule");
                insert.executeUpdate();
                insert.setString(1, "SKU-2");
                insert.setString(2, "Abacus");
                insert.executeUpdate();
            }
            try (ResultSet count = connection.createStatement().executeQuery("select count(*) from Customer")) {
                count.next();
                assertEquals(3, count.getInt(1));
            }
        }
    }
}
