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

    /**
     * Clears Liquibase's lock row (a run killed inside Liquibase leaves it set). Only for a caller that knows no
     * live run of ours holds it; does nothing when there is no lock table yet.
     */
    public static void releaseLiquibaseLock(Connection connection) throws SQLException {
        if (tableExists(connection, "DATABASECHANGELOGLOCK")) {
            try (java.sql.Statement st = connection.createStatement()) {
                st.executeUpdate("update DATABASECHANGELOGLOCK set LOCKED = false, LOCKGRANTED = null, LOCKEDBY = null");
            }
        }
    }
}
