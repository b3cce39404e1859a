package org.automigrate.engine.apply;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * One transaction for a whole run on a database whose DDL is transactional (SQLite, PostgreSQL): every
 * changeset the run applies, its {@code DATABASECHANGELOG} row and the run's history row commit together, or
 * not at all. A failure rolls everything back, and a process that is killed leaves the database exactly as
 * before the run (SQLite's journal, PostgreSQL's transaction).
 *
 * <p>Liquibase commits after each changeset, rolls back after checking preconditions and switches
 * auto-commit for changesets marked {@code runInTransaction: false}; on the {@link #connection()} handed to
 * it those calls do nothing, and only {@link #commit()} and {@link #rollback()} end the transaction. On SQLite,
 * a changeset's own transaction control ({@code BEGIN ... COMMIT} around a table rebuild, written so that tools
 * which replay the changelog changeset by changeset get the rebuild in one transaction) becomes a savepoint
 * inside the run's transaction; its {@code PRAGMA foreign_keys} lines do nothing inside a transaction, which
 * is why {@link #begin} switches foreign keys off before the transaction starts when the run rebuilds tables.
 */
public final class RunTransaction implements AutoCloseable {
    private static final String SAVEPOINT = "automigrate_changeset";
    private static final Pattern BEGIN = Pattern.compile(
            "(?is)\\s*begin(\\s+(deferred|immediate|exclusive))?(\\s+transaction)?\\s*;?\\s*");
    private static final Pattern COMMIT = Pattern.compile("(?is)\\s*(commit|end)(\\s+transaction)?\\s*;?\\s*");
    private static final Pattern ROLLBACK = Pattern.compile("(?is)\\s*rollback(\\s+transaction)?\\s*;?\\s*");

    private final Connection real;
    private final Connection held;
    private final boolean sqlite;
    private final boolean restoreForeignKeys;
    private boolean ended;

    private RunTransaction(Connection real, boolean sqlite, boolean restoreForeignKeys) {
        this.real = real;
        this.sqlite = sqlite;
        this.restoreForeignKeys = restoreForeignKeys;
        this.held = (Connection) Proxy.newProxyInstance(RunTransaction.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Held(real, sqlite));
    }

    /**
     * Starts the run's transaction on {@code connection} (which the transaction closes). On SQLite,
     * {@code foreignKeysOff} switches foreign-key enforcement off first, as SQLite's table-rebuild procedure
     * requires, and back to what it was once the transaction has ended.
     */
    public static RunTransaction begin(Connection connection, boolean sqlite, boolean foreignKeysOff) {
        try {
            boolean restore = false;
            if (sqlite) {
                if (foreignKeysOff) {
                    restore = query(connection, "pragma foreign_keys") == 1;
                    execute(connection, "pragma foreign_keys = off");
                }
                // IMMEDIATE: the write lock from the start, so no other writer can slip in and deadlock the run
                execute(connection, "begin immediate");
            } else {
                // Liquibase probes for its tables with queries that may fail; on PostgreSQL a failed statement
                // would abort the whole transaction, so each statement gets a savepoint of its own
                if (connection.isWrapperFor(org.postgresql.PGConnection.class)) {
                    connection.unwrap(org.postgresql.PGConnection.class).setAutosave(org.postgresql.jdbc.AutoSave.ALWAYS);
                }
                connection.setAutoCommit(false);
            }
            return new RunTransaction(connection, sqlite, restore);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("Cannot start the run's transaction: " + e.getMessage(), e);
        }
    }

    /**
     * The connection for everything the run does inside its transaction (Liquibase, the verification, the
     * history row): its {@code commit}, {@code rollback}, {@code setAutoCommit} and {@code close} do nothing.
     */
    public Connection connection() {
        return held;
    }

    /** Makes the whole run permanent. */
    public void commit() throws SQLException {
        ended = true;
        if (sqlite) {
            execute(real, "commit");
        } else {
            real.commit();
        }
    }

    /**
     * Undoes everything the run did in its transaction. (SQLite may have rolled back already: a disk that is
     * full ends the transaction at once; then there is nothing left to undo.)
     */
    public void rollback() throws SQLException {
        ended = true;
        if (!sqlite) {
            real.rollback();
            return;
        }
        try {
            execute(real, "rollback");
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                throw e;
            }
        }
    }

    /** Rolls back what was not committed, and closes the connection. */
    @Override
    public void close() {
        try {
            if (!ended) {
                rollback();
            }
            if (!sqlite) {
                real.setAutoCommit(true);
            }
            if (restoreForeignKeys) {
                execute(real, "pragma foreign_keys = on");
            }
        } catch (SQLException ignored) {
            // the connection is closed next: the database rolls back what was not committed
        } finally {
            closeQuietly(real);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static int query(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * The SQL that runs on SQLite for {@code sql} inside the run's transaction: a changeset's own
     * {@code BEGIN}/{@code COMMIT}/{@code ROLLBACK} becomes a savepoint; everything else runs as written.
     */
    static String inRunTransaction(String sql) {
        if (sql == null) {
            return null;
        }
        if (BEGIN.matcher(sql).matches()) {
            return "SAVEPOINT " + SAVEPOINT;
        }
        if (COMMIT.matcher(sql).matches()) {
            return "RELEASE " + SAVEPOINT;
        }
        if (ROLLBACK.matcher(sql).matches()) {
            return "ROLLBACK TO " + SAVEPOINT;
        }
        return sql;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }

    /** The connection Liquibase sees: transaction control is the run's, statements pass through. */
    private static final class Held implements InvocationHandler {
        private final Connection real;
        private final boolean sqlite;

        Held(Connection real, boolean sqlite) {
            this.real = real;
            this.sqlite = sqlite;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "commit", "setAutoCommit", "close", "releaseSavepoint":
                    return null;
                case "rollback":
                    return null; // Liquibase rolls back after every precondition check: only the run may end it
                case "getAutoCommit":
                    return false;
                case "isClosed":
                    return real.isClosed();
                case "unwrap", "isWrapperFor":
                    return wrapper(proxy, real, method, args);
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "run transaction on " + real;
                default:
                    break;
            }
            if (sqlite && (method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                    && args != null && args[0] instanceof String sql) {
                args = args.clone();
                args[0] = inRunTransaction(sql);
            }
            Object result = call(real, method, args);
            if (sqlite && result instanceof Statement statement && !(result instanceof PreparedStatement)) {
                return Proxy.newProxyInstance(RunTransaction.class.getClassLoader(), new Class<?>[] {Statement.class},
                        new Rewriting(statement, (Connection) proxy));
            }
            return result;
        }
    }

    /** A statement whose SQL runs through {@link #inRunTransaction(String)}. */
    private static final class Rewriting implements InvocationHandler {
        private final Statement statement;
        private final Connection connection;

        Rewriting(Statement statement, Connection connection) {
            this.statement = statement;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("getConnection")) {
                return connection;
            }
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return wrapper(proxy, statement, method, args);
            }
            if (args != null && args.length > 0 && args[0] instanceof String sql
                    && (method.getName().startsWith("execute") || method.getName().equals("addBatch"))) {
                args = args.clone();
                args[0] = inRunTransaction(sql);
            }
            return call(statement, method, args);
        }
    }

    /** {@code unwrap} and {@code isWrapperFor} of a proxy: itself for its own interface, else what it wraps. */
    private static Object wrapper(Object proxy, java.sql.Wrapper wrapped, Method method, Object[] args)
            throws SQLException {
        Class<?> type = (Class<?>) args[0];
        if (method.getName().equals("unwrap")) {
            return type.isInstance(proxy) ? proxy : wrapped.unwrap(type);
        }
        return type.isInstance(proxy) || wrapped.isWrapperFor(type);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
