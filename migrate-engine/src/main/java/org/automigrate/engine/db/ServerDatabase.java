package org.automigrate.engine.db;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.DatabaseTarget;

/**
 * Connections to PostgreSQL and MariaDB/MySQL servers, and their failures turned into messages that
 * say what to do. The drivers are the plugin's own dependencies, so users add none.
 */
public final class ServerDatabase {

    private ServerDatabase() {
    }

    /** Connects to the target's database. */
    public static Connection open(DatabaseTarget target) {
        ServerAddress address = ServerAddress.parse(target.url());
        return open(target, address.url(), address.database());
    }

    /** Connects, with the target's credentials, to another database on the target's server. */
    public static Connection open(DatabaseTarget target, String url, String database) {
        Properties properties = new Properties();
        String user = target.username() != null ? target.username() : ServerAddress.parse(target.url()).userInUrl();
        String password = target.password() != null ? target.password() : ServerAddress.parse(target.url()).passwordInUrl();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // a run holds its lock on a connection that waits idle through long changesets: keep it alive
        properties.setProperty("tcpKeepAlive", "true");
        try {
            Connection connection = driver(target.kind()).connect(url, properties);
            if (connection == null) {
                throw new SQLException("the driver does not accept the URL");
            }
            return connection;
        } catch (SQLException e) {
            throw translate(e, target, database, "connect to");
        }
    }

    private static Driver driver(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRESQL ? new org.postgresql.Driver() : new org.mariadb.jdbc.Driver();
    }

    /** The server's version, as Hibernate's dialect wants it (major, minor). */
    public static int[] version(Connection connection) throws SQLException {
        var meta = connection.getMetaData();
        return new int[] {meta.getDatabaseMajorVersion(), meta.getDatabaseMinorVersion()};
    }

    /** Rows in a table (0 when it cannot be counted). */
    public static long rowCount(Connection connection, String table) {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + quote(connection, table))) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Rows whose {@code column} is null. */
    public static long nullCount(Connection connection, String table, String column) {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + quote(connection, table) + " where "
                     + quote(connection, column) + " is null")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    /** An identifier quoted the server's way. */
    public static String quote(Connection connection, String identifier) throws SQLException {
        String q = connection.getMetaData().getIdentifierQuoteString();
        return q + identifier.replace(q, q + q) + q;
    }

    /** Turns a driver failure into a message naming the server, the database and what to do; never the password. */
    public static MigrateException translate(SQLException e, DatabaseTarget target, String database, String action) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int vendor = e.getErrorCode();
        ServerAddress address = ServerAddress.parse(target.url());
        String where = address.product() + " at " + address.host() + ":" + address.port();
        String detail = target.scrub(e.getMessage());
        if (state.startsWith("08") || detail != null && detail.contains("Connection refused")) {
            return new MigrateException(ErrorCode.UNREACHABLE, "Cannot " + action + " " + where + " (" + detail
                    + "). Is the server running and reachable? Check <url> / -Dmigrate.url. Nothing was changed.", e);
        }
        if (state.equals("28P01") || state.equals("28000") || vendor == 1045) {
            return new MigrateException(ErrorCode.UNREACHABLE, "The " + address.product() + " server at "
                    + address.host() + ":" + address.port() + " rejected the credentials of user '"
                    + (target.username() == null ? address.userInUrl() : target.username()) + "' for database '"
                    + database + "'. Check <username>/<password>, <serverId> in settings.xml or the MIGRATE_USERNAME/"
                    + "MIGRATE_PASSWORD environment variables. Nothing was changed.", e);
        }
        if (state.equals("3D000") || vendor == 1049) {
            return new MigrateException(ErrorCode.UNREACHABLE, "The database '" + database + "' does not exist on "
                    + where + ". Create it (CREATE DATABASE " + database + ") or fix <url> / -Dmigrate.url. "
                    + "Nothing was changed.", e);
        }
        if (state.equals("42501") || vendor == 1044 || vendor == 1142) {
            return new MigrateException(ErrorCode.UNREACHABLE, "The user may not " + action + " '" + database
                    + "' on " + where + " (" + detail + "). Grant the privilege or use another user.", e);
        }
        return new MigrateException(ErrorCode.UNREACHABLE, "Cannot " + action + " '" + database + "' on " + where
                + ": " + detail, e);
    }

    public static void closeQuietly(AutoCloseable closeable) {
        SqliteDatabase.closeQuietly(closeable);
    }
}
