package org.automigrate.engine.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL and MariaDB servers tests run against, each test in a database of its own:
 * {@code try (Servers.Database db = Servers.postgres()) { ... }} creates a database with a unique name
 * ({@code am_test_<random>}) and drops it on close. Only databases this class created are ever touched.
 *
 * <p>A server that cannot be reached fails the test, unless {@code -Dmigrate.skipServers=true} is set: then
 * the test is skipped with a message. The servers default to this machine's (PostgreSQL at
 * {@code 127.0.0.1:5432} as {@code postgres}, MariaDB at {@code 127.0.0.1:3306} as {@code root}, no
 * passwords); {@code -Dmigrate.postgres.host/port/user/password} and {@code -Dmigrate.mariadb.*} override them.
 */
public final class Servers {
    /** Set to {@code true} to skip, instead of fail, tests whose server is not running. */
    public static final String SKIP_PROPERTY = "migrate.skipServers";

    private Servers() {
    }

    /** A new, empty PostgreSQL database named {@code am_test_<random>}. */
    public static Database postgres() {
        return postgres("am_test");
    }

    /** A new, empty PostgreSQL database named {@code <prefix>_<random>}. */
    public static Database postgres(String prefix) {
        return create(DatabaseKind.POSTGRESQL, prefix);
    }

    /** A new, empty MariaDB database named {@code am_test_<random>}. */
    public static Database mariadb() {
        return mariadb("am_test");
    }

    /** A new, empty MariaDB database named {@code <prefix>_<random>}. */
    public static Database mariadb(String prefix) {
        return create(DatabaseKind.MARIADB, prefix);
    }

    private static Database create(DatabaseKind kind, String prefix) {
        Server server = Server.of(kind);
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = server.admin(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String message = server.product + " is not reachable at " + server.host + ":" + server.port
                    + " as " + server.user + " (" + e.getMessage() + "). Start it, point the tests at another "
                    + "server with -Dmigrate." + server.key + ".host/port/user/password, or skip the server tests "
                    + "with -D" + SKIP_PROPERTY + "=true.";
            if (Boolean.getBoolean(SKIP_PROPERTY)) {
                Assumptions.abort("Skipped (" + SKIP_PROPERTY + "=true): " + message);
            }
            throw new IllegalStateException(message, e);
        }
        return new Database(server, name);
    }

    /** Where one kind of server is and how to log in as a user allowed to create databases. */
    private record Server(DatabaseKind kind, String key, String product, String host, int port, String user,
                          String password) {
        static Server of(DatabaseKind kind) {
            boolean pg = kind == DatabaseKind.POSTGRESQL;
            String key = pg ? "postgres" : "mariadb";
            return new Server(kind, key, pg ? "PostgreSQL" : "MariaDB",
                    System.getProperty("migrate." + key + ".host", "127.0.0.1"),
                    Integer.getInteger("migrate." + key + ".port", pg ? 5432 : 3306),
                    System.getProperty("migrate." + key + ".user", pg ? "postgres" : "root"),
                    System.getProperty("migrate." + key + ".password", ""));
        }

        String url(String database) {
            return (kind == DatabaseKind.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://") + host + ":" + port
                    + "/" + database;
        }

        /** A connection that may create and drop databases (PostgreSQL's maintenance database, MariaDB's none). */
        Connection admin() throws SQLException {
            return DriverManager.getConnection(url(kind == DatabaseKind.POSTGRESQL ? "postgres" : ""), user, password);
        }
    }

    /** One test database; {@link #close()} drops it, whoever is still connected. */
    public static final class Database implements AutoCloseable {
        private final Server server;
        private final String name;

        private Database(Server server, String name) {
            this.server = server;
            this.name = name;
        }

        public DatabaseKind kind() {
            return server.kind;
        }

        public String name() {
            return name;
        }

        public String host() {
            return server.host;
        }

        public int port() {
            return server.port;
        }

        /** {@code jdbc:postgresql://host:port/name} or {@code jdbc:mariadb://host:port/name}. */
        public String url() {
            return server.url(name);
        }

        public String username() {
            return server.user;
        }

        /** The password, or null when the server needs none. */
        public String password() {
            return server.password.isEmpty() ? null : server.password;
        }

        /** The engine's view of this database. */
        public DatabaseTarget target() {
            return DatabaseTarget.of(url(), username(), password());
        }

        /** A new connection to this database; the caller closes it. */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), server.user, server.password);
        }

        /** Runs statements, each on its own, in one connection. */
        public void execute(String... sql) throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                for (String statement : sql) {
                    st.execute(statement);
                }
            }
        }

        /** The first column of the first row of a query. */
        public Object queryValue(String sql) throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }

        /**
         * Every base table of the database (PostgreSQL: schema {@code public}) with its row count and a SHA-256
         * of its column names and of all rows in primary-key order ({@code "1200 rows, 3fa9..."}), by lower-case
         * table name.
         */
        public Map<String, String> tableDigests() throws Exception {
            Map<String, String> digests = new TreeMap<>();
            try (Connection c = connect()) {
                DatabaseMetaData meta = c.getMetaData();
                boolean pg = server.kind == DatabaseKind.POSTGRESQL;
                try (ResultSet tables = meta.getTables(pg ? null : name, pg ? "public" : null, "%",
                        new String[] {"TABLE"})) {
                    while (tables.next()) {
                        String table = tables.getString("TABLE_NAME");
                        digests.put(table.toLowerCase(Locale.ROOT), digest(c, table));
                    }
                }
            }
            return digests;
        }

        private String digest(Connection c, String table) throws Exception {
            String quoted = server.kind == DatabaseKind.POSTGRESQL ? "\"" + table + "\"" : "`" + table + "`";
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long rows = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + quoted + " ORDER BY 1")) {
                int n = rs.getMetaData().getColumnCount();
                StringBuilder header = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    header.append(rs.getMetaData().getColumnName(i)).append(':')
                            .append(rs.getMetaData().getColumnTypeName(i)).append('|');
                }
                sha.update(header.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        Object value = rs.getObject(i);
                        row.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value))
                                .append('|');
                    }
                    sha.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                    rows++;
                }
            }
            return rows + " rows, " + HexFormat.of().formatHex(sha.digest());
        }

        /** Drops the database, ending any session still connected to it. */
        @Override
        public void close() throws SQLException {
            try (Connection admin = server.admin(); Statement st = admin.createStatement()) {
                st.execute(server.kind == DatabaseKind.POSTGRESQL
                        ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name);
            }
        }

        @Override
        public String toString() {
            return server.product + " database " + name + " at " + server.host + ":" + server.port;
        }
    }
}
