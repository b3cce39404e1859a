package org.automigrate.engine.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** JDBC helpers that work the same on every database the engine knows. */
public final class Jdbc {
    private Jdbc() {
    }

    /**
     * Whether a table exists in the connection's own database and schema, under its name as written or in
     * lower case (PostgreSQL folds unquoted names; MariaDB on Linux keeps them).
     */
    public static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : List.of(table, table.toLowerCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), name,
                    new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
