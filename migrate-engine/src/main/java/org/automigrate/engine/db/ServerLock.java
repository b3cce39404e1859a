package org.automigrate.engine.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.DatabaseTarget;

/**
 * One changing run per server database at a time: a session-level advisory lock
 * ({@code pg_advisory_lock} on PostgreSQL, {@code GET_LOCK} on MariaDB) held on a connection of its own.
 * The server releases it when that session ends, even when the process is killed, so a lock is never
 * left behind. Holding it also proves that no other run of ours is inside Liquibase, which lets a run that finds
 * a killed run's mark clear the Liquibase lock row that run left set.
 */
public final class ServerLock implements RunLock {
    private static final long KEY = 0x6175746f6d6967L; // "automig"

    private final Connection connection;
    private final DatabaseKind kind;
    private final String name;

    private ServerLock(Connection connection, DatabaseKind kind, String name) {
        this.connection = connection;
        this.kind = kind;
        this.name = name;
    }

    /** Takes the server's lock, waiting up to {@code wait} for a run that holds it. */
    public static ServerLock acquire(DatabaseTarget target, Duration wait, EngineListener listener) {
        ServerAddress address = ServerAddress.parse(target.url());
        Connection connection = ServerDatabase.open(target);
        String name = name(address);
        String where = address + (name.equals("automigrate:" + address.database()) ? "" : " schema " + address.schema());
        try {
            if (!tryLock(connection, target.kind(), name, 0)) {
                listener.waitingForLock("Waiting for another migration of " + where + " to finish (up to "
                        + wait.toMinutes() + " min)");
                if (!tryLock(connection, target.kind(), name, (int) wait.toSeconds())) {
                    throw new MigrateException(ErrorCode.LOCKED, "Another migration of " + where + " has held "
                            + "the migration lock for more than " + wait.toMinutes() + " minutes. Let it finish and "
                            + "run again. Nothing was changed.");
                }
            }
            return new ServerLock(connection, target.kind(), name);
        } catch (SQLException e) {
            ServerDatabase.closeQuietly(connection);
            throw ServerDatabase.translate(e, target, address.database(), "lock");
        } catch (RuntimeException e) {
            ServerDatabase.closeQuietly(connection);
            throw e;
        }
    }

    /**
     * The lock's name: {@code automigrate:<database>}, and for a PostgreSQL schema other than {@code public}
     * ({@code currentSchema}) {@code automigrate:<database>.<schema>}: each schema is a database of its own to a run
     * (its tables, {@code DATABASECHANGELOG}, history), so runs on two schemas of one database do not wait for each
     * other, and {@code public} keeps the name earlier versions locked.
     */
    static String name(ServerAddress address) {
        String schema = address.schema();
        return "automigrate:" + address.database() + (address.kind() == DatabaseKind.POSTGRESQL
                && !schema.equals("public") ? "." + schema : "");
    }

    private static boolean tryLock(Connection connection, DatabaseKind kind, String name, int seconds) throws SQLException {
        if (kind == DatabaseKind.MARIADB) {
            try (PreparedStatement ps = connection.prepareStatement("select get_lock(?, ?)")) {
                ps.setString(1, name);
                ps.setInt(2, seconds);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (true) {
            try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, (int) KEY);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return true;
                    }
                }
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement(kind == DatabaseKind.MARIADB
                ? "select release_lock(?)" : "select pg_advisory_unlock(" + (int) KEY + ", hashtext(?))")) {
            ps.setString(1, name);
            ps.execute();
        } catch (SQLException ignored) {
            // closing the session releases it too
        } finally {
            ServerDatabase.closeQuietly(connection);
        }
    }
}
