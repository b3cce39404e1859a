package org.automigrate.engine.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.DatabaseTarget;

/**
 * A fresh, empty place on the target's server, named {@code automigrate_shadow_<epoch seconds>_<random>}, in
 * which the model's schema is created so that it can be compared with the live database: on PostgreSQL a
 * schema in the target database (created and dropped in milliseconds; needs only the right to create schemas
 * in that database, which its owner has, not CREATEDB), on MariaDB/MySQL a database (which has no schemas
 * apart from databases). It is dropped on {@link #close()}, and by a JVM shutdown hook when the build is
 * interrupted; a shadow left behind by a killed process is recognised by its name and dropped by a later run
 * once it is older than {@link #LEFTOVER_AGE} (on PostgreSQL also the shadow databases earlier versions made).
 */
public final class ShadowDatabase implements AutoCloseable {
    public static final String PREFIX = "automigrate_shadow_";
    static final Duration LEFTOVER_AGE = Duration.ofHours(24); // a day: a live run (big backup, long ALTER) is never mistaken for one
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d{10})_[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseTarget target;
    private final ServerAddress address;
    private final String name;
    private final EngineListener listener;
    private final Thread hook;
    private boolean dropped;

    private ShadowDatabase(DatabaseTarget target, ServerAddress address, String name, EngineListener listener) {
        this.target = target;
        this.address = address;
        this.name = name;
        this.listener = listener;
        this.hook = new Thread(this::dropQuietly, "automigrate-shadow-drop");
    }

    /** Creates a shadow next to (PostgreSQL: inside) the target's database, after dropping leftovers of killed runs. */
    public static ShadowDatabase create(DatabaseTarget target, EngineListener listener) {
        ServerAddress address = ServerAddress.parse(target.url());
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        String name = PREFIX + Instant.now().getEpochSecond() + "_" + HexFormat.of().formatHex(random);
        boolean pg = address.kind() == DatabaseKind.POSTGRESQL;
        Connection admin = ServerDatabase.open(target);
        try {
            dropLeftovers(admin, address, listener);
            try (Statement st = admin.createStatement()) {
                st.execute(pg ? "create schema " + name : "create database " + name + characterSet(admin, address));
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.UNREACHABLE, (pg ? "Cannot create the shadow schema " + name
                    + " in the database " + address.database() : "Cannot create the shadow database " + name) + " on "
                    + address.product() + " at " + address.host() + ":" + address.port() + " (" + target.scrub(e.getMessage())
                    + "). Automigrate compares the model with the database through a temporary "
                    + (pg ? "schema" : "database") + " it creates and drops again: grant the user that right ("
                    + (pg ? "GRANT CREATE ON DATABASE " + address.database() + " TO ..." : "GRANT ALL ON "
                    + "`automigrate\\_shadow\\_%`.* TO ...") + "). Nothing was changed.", e);
        } finally {
            ServerDatabase.closeQuietly(admin);
        }
        listener.detail("Created the shadow " + (pg ? "schema " : "database ") + name);
        ShadowDatabase shadow = new ShadowDatabase(target, address, name, listener);
        Runtime.getRuntime().addShutdownHook(shadow.hook);
        return shadow;
    }

    /** Reads what the statements made, on the connection that made it. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Connection connection, String schema) throws SQLException;
    }

    /**
     * PostgreSQL: runs the statements in the session's own temporary schema ({@code pg_temp}) and reads what they
     * made on the same connection. It needs no right beyond {@code TEMPORARY}, which every user has by default (no
     * {@code CREATE} on the database), and leaves nothing behind, not even when the process is killed: the server
     * drops a session's temporary schema with the session.
     */
    public static <T> T inTemporarySchema(DatabaseTarget target, List<String> statements, Reader<T> reader) {
        ServerAddress address = ServerAddress.parse(target.url());
        Connection connection = ServerDatabase.open(target);
        String current = null;
        try (Statement st = connection.createStatement()) {
            st.execute("set search_path = pg_temp");
            for (String sql : statements) {
                current = sql;
                st.execute(sql);
            }
            current = null;
            String schema = null;
            try (ResultSet rs = st.executeQuery("select nspname from pg_namespace where oid = pg_my_temp_schema()")) {
                if (rs.next()) {
                    schema = rs.getString(1);
                }
            }
            T read = reader.read(connection, schema == null ? "pg_temp" : schema);
            if (schema != null) {
                dropTablesInBatches(connection, schema); // the session's end would drop them all in one go
            }
            return read;
        } catch (SQLException e) {
            if (current == null) {
                throw ServerDatabase.translate(e, target, address.database(), "read the model's schema on");
            }
            throw new MigrateException(ErrorCode.MODEL, "The model's schema cannot be created on " + address.product()
                    + ": " + target.scrub(e.getMessage()) + " (in: " + current + "). Fix the mapping (a columnDefinition or a "
                    + "type this server does not know).", e);
        } finally {
            ServerDatabase.closeQuietly(connection);
        }
    }

    public String name() {
        return name;
    }

    /** The schema the shadow's tables are in (PostgreSQL: the shadow schema; MariaDB: the shadow database). */
    public String schema() {
        return name;
    }

    /**
     * The JDBC URL of the shadow. PostgreSQL: the target database with {@code currentSchema} the shadow, and the
     * shadow's name as {@code ApplicationName}, so that its sessions are told apart from the run's own in
     * {@code pg_stat_activity}.
     */
    public String url() {
        return address.kind() == DatabaseKind.POSTGRESQL
                ? address.with("currentSchema", name).with("ApplicationName", name).url() : address.shadowUrl(name);
    }

    /** Opens a connection to the shadow. */
    public Connection open() {
        return ServerDatabase.open(target, url(), address.kind() == DatabaseKind.POSTGRESQL ? address.database() : name);
    }

    /** Runs statements (Hibernate's DDL, or anything else) in the shadow. */
    public void execute(List<String> statements) {
        Connection connection = open();
        String current = null;
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                current = sql;
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.MODEL, "The model's schema cannot be created on " + address.product()
                    + ": " + target.scrub(e.getMessage()) + " (in: " + current + "). Fix the mapping (a columnDefinition or a "
                    + "type this server does not know).", e);
        } finally {
            ServerDatabase.closeQuietly(connection);
        }
    }

    /**
     * The shadows that runs left behind and that are old enough to be dead: PostgreSQL schemas of the target
     * database ({@code databases} false) or shadow databases of earlier versions ({@code databases} true);
     * MariaDB databases.
     */
    static List<String> leftovers(Connection admin, ServerAddress address, boolean databases) throws SQLException {
        String sql = address.kind() == DatabaseKind.MARIADB
                ? "select schema_name from information_schema.schemata where schema_name like ?"
                : databases ? "select datname from pg_database where datname like ?"
                : "select nspname from pg_namespace where nspname like ?";
        List<String> old = new ArrayList<>();
        long cutoff = Instant.now().minus(LEFTOVER_AGE).getEpochSecond();
        try (PreparedStatement ps = admin.prepareStatement(sql)) {
            ps.setString(1, "automigrate\\_shadow\\_%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Matcher m = NAME.matcher(rs.getString(1));
                    if (m.matches() && Long.parseLong(m.group(1)) < cutoff) {
                        old.add(rs.getString(1));
                    }
                }
            }
        }
        return old;
    }

    private static void dropLeftovers(Connection admin, ServerAddress address, EngineListener listener) throws SQLException {
        boolean pg = address.kind() == DatabaseKind.POSTGRESQL;
        for (boolean databases : pg ? new boolean[] {false, true} : new boolean[] {true}) {
            String what = databases ? "database" : "schema";
            for (String leftover : leftovers(admin, address, databases)) {
                try (Statement st = admin.createStatement()) {
                    if (!databases) {
                        dropTablesInBatches(admin, leftover);
                    }
                    st.execute(dropSql(admin, address, leftover, databases));
                    listener.detail("Dropped the shadow " + what + " " + leftover + " that an interrupted run left behind");
                } catch (SQLException e) {
                    listener.detail("Cannot drop the leftover shadow " + what + " " + leftover + ": "
                            + DatabaseTarget.maskSecrets(String.valueOf(e.getMessage())));
                }
            }
        }
    }

    private static String dropSql(Connection admin, ServerAddress address, String name, boolean database)
            throws SQLException {
        if (!database) {
            return "drop schema if exists " + name + " cascade";
        }
        boolean force = address.kind() == DatabaseKind.POSTGRESQL && admin.getMetaData().getDatabaseMajorVersion() >= 13;
        return "drop database if exists " + name + (force ? " with (force)" : "");
    }

    /**
     * PostgreSQL: drops a shadow schema's tables a hundred at a time before the schema itself. One {@code DROP
     * SCHEMA ... CASCADE} of a model of a thousand tables takes a lock on every table, index and sequence in one
     * transaction: more than the server's shared lock table holds with its defaults, so it failed (and left the
     * shadow behind), and made other sessions fail meanwhile.
     */
    private static void dropTablesInBatches(Connection admin, String schema) throws SQLException {
        while (true) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = admin.prepareStatement("select quote_ident(c.relname) from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind in ('r', 'p') "
                    + "limit 100")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(schema + "." + rs.getString(1));
                    }
                }
            }
            if (tables.isEmpty()) {
                return;
            }
            try (Statement st = admin.createStatement()) {
                st.execute("drop table if exists " + String.join(", ", tables) + " cascade");
            }
        }
    }

    /** MariaDB: the shadow gets the live database's character set and collation, so column types compare equal. */
    private static String characterSet(Connection admin, ServerAddress address) throws SQLException {
        if (address.kind() != DatabaseKind.MARIADB) {
            return "";
        }
        try (PreparedStatement ps = admin.prepareStatement("select default_character_set_name, default_collation_name "
                + "from information_schema.schemata where schema_name = ?")) {
            ps.setString(1, address.database());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? " character set " + rs.getString(1) + " collate " + rs.getString(2) : "";
            }
        }
    }

    private void dropQuietly() {
        try {
            drop();
        } catch (RuntimeException ignored) {
            // the next run drops it as a leftover
        }
    }

    private synchronized void drop() {
        if (dropped) {
            return;
        }
        Connection admin = ServerDatabase.open(target);
        boolean pg = address.kind() == DatabaseKind.POSTGRESQL;
        try (Statement st = admin.createStatement()) {
            if (pg) {
                dropTablesInBatches(admin, name);
            }
            st.execute(dropSql(admin, address, name, !pg));
            dropped = true;
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.UNREACHABLE, "Cannot drop the shadow " + (pg ? "schema " : "database ")
                    + name + ": "
                    + target.scrub(e.getMessage()) + ". Drop it by hand; the next run also drops it once it is a day old.", e);
        } finally {
            ServerDatabase.closeQuietly(admin);
        }
    }

    /** Drops the shadow; a failure is a warning (the run's own outcome stands), and the next run drops it. */
    @Override
    public void close() {
        try {
            drop();
        } catch (RuntimeException e) {
            listener.warn(e.getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }
}
