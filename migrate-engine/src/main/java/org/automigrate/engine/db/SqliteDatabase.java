package org.automigrate.engine.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.schema.SqliteSchemaReader;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens SQLite database files and turns the driver's failures into messages a user can act on.
 * Every connection is opened through the driver directly (not DriverManager), so it works from any
 * class loader, e.g. a Maven plugin's.
 */
public final class SqliteDatabase {
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private SqliteDatabase() {
    }

    /** Opens the target's file; read-only connections never change a byte of it. */
    public static Connection open(DatabaseTarget target, boolean readOnly) {
        Path file = target.sqliteFile();
        if (!readOnly) {
            Path dir = file.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir);
                } catch (java.io.IOException e) {
                    throw new MigrateException(ErrorCode.UNREACHABLE, "Cannot create the directory " + dir
                            + " for the database file: " + e.getMessage() + ". Check <url> / -Dmigrate.url.", e);
                }
            }
        }
        if (readOnly && hasHotJournal(file)) {
            Connection copy = openRolledBackCopy(file);
            if (copy != null) {
                return copy;
            }
        }
        Connection connection = openUrl(target.url(), readOnly, file.toString());
        checkReadable(connection, file.toString());
        return connection;
    }

    /** A {@code -journal} file next to the database: a process died in the middle of a write. */
    private static boolean hasHotJournal(Path file) {
        Path journal = file.resolveSibling(file.getFileName() + "-journal");
        try {
            return Files.exists(file) && Files.exists(journal) && Files.size(journal) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * A read-only goal must not write, but a database left with a hot journal cannot be read without the
     * rollback SQLite does on open. Copy the file and its journal to a scratch directory and read the copy,
     * which SQLite rolls back; the database itself stays byte-identical (the next changing run recovers it).
     * Returns null when the journal disappears meanwhile: it belonged to a live writer that has committed.
     */
    private static Connection openRolledBackCopy(Path file) {
        try {
            return copyWithJournal(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return null; // the journal was a live writer's, which has finished: the file itself is consistent
        } catch (java.io.IOException e) {
            throw new MigrateException(ErrorCode.IO, "The database file " + file + " was left in the middle of a "
                    + "write by a process that died, and a scratch copy to read it could not be made: " + e.getMessage()
                    + ". Run mvn migrate:auto or migrate:apply, which recover it.", e);
        }
    }

    private static Connection copyWithJournal(Path file) throws java.io.IOException {
        Path dir = Files.createTempDirectory("automigrate-read-");
        Path copy = dir.resolve(file.getFileName());
        for (Path leftover : new Path[] {dir, copy, dir.resolve(file.getFileName() + "-journal")}) {
            leftover.toFile().deleteOnExit(); // registered first: deleted in reverse order, also after a failure
        }
        Files.copy(file, copy);
        Files.copy(file.resolveSibling(file.getFileName() + "-journal"), dir.resolve(file.getFileName() + "-journal"));
        Connection connection = openUrl("jdbc:sqlite:" + copy, false, file.toString());
        checkReadable(connection, file.toString());
        return connection;
    }

    /** Opens any SQLite URL (an in-memory shadow, a temporary copy). */
    public static Connection openUrl(String url, boolean readOnly, String where) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Properties properties = config.toProperties();
        if (!readOnly) {
            properties.remove(SQLiteConfig.Pragma.OPEN_MODE.pragmaName); // an open_mode in the URL stands
        }
        try {
            Connection connection = new org.sqlite.JDBC().connect(url, properties);
            if (connection == null) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "Not a SQLite URL: " + where);
            }
            return connection;
        } catch (SQLException e) {
            throw translate(e, where, "open");
        }
    }

    private static void checkReadable(Connection connection, String where) {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from sqlite_master")) {
            rs.next();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw translate(e, where, "read");
        }
    }

    /**
     * Checks, before a run writes anything anywhere, that the database file can be written: rewrites the
     * header's user version with its own value inside a transaction that is rolled back. (Taking the write
     * lock alone succeeds even on a read-only connection.)
     */
    public static void checkWritable(DatabaseTarget target) {
        Connection connection = open(target, false);
        try (Statement st = connection.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("pragma user_version")) {
                rs.next();
                version = rs.getInt(1);
            }
            st.execute("begin immediate");
            try {
                st.execute("pragma user_version = " + version);
            } finally {
                st.execute("rollback");
            }
        } catch (SQLException e) {
            throw translate(e, target.sqliteFile().toString(), "write to");
        } finally {
            closeQuietly(connection);
        }
    }

    /** Whether a table exists, under its name as written or in lower case (see {@link Jdbc#tableExists}). */
    public static boolean tableExists(Connection connection, String table) throws SQLException {
        return Jdbc.tableExists(connection, table);
    }

    /** Clears Liquibase's lock row (a killed run leaves it set); does nothing when there is none. */
    public static void releaseLiquibaseLock(DatabaseTarget target) {
        if (!Files.exists(target.sqliteFile())) {
            return;
        }
        Connection connection = open(target, false);
        try {
            Jdbc.releaseLiquibaseLock(connection);
        } catch (SQLException e) {
            throw translate(e, target.sqliteFile().toString(), "release the stale lock of");
        } finally {
            closeQuietly(connection);
        }
    }

    /**
     * SQLite's full {@code integrity_check} of the database (every page, every index against its table): the
     * first problems it finds, none when the file is sound. A run checks only the tables it rebuilds
     * ({@code quick_check}); {@code verify} checks everything.
     */
    public static List<String> integrityProblems(DatabaseTarget target) {
        Connection connection = open(target, true);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("pragma integrity_check(10)")) {
            List<String> problems = new java.util.ArrayList<>();
            while (rs.next()) {
                if (!"ok".equals(rs.getString(1))) {
                    problems.add(rs.getString(1));
                }
            }
            return problems;
        } catch (SQLException e) {
            throw translate(e, target.sqliteFile().toString(), "check");
        } finally {
            closeQuietly(connection);
        }
    }

    /** The number of rows of a table. */
    public static long rowCount(Connection connection, String table) {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + SqliteSchemaReader.quote(table))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.UNREACHABLE, "Cannot count the rows of " + table + ": "
                    + e.getMessage(), e);
        }
    }

    /** The number of rows of a table in which a column is NULL. */
    public static long nullCount(Connection connection, String table, String column) {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + SqliteSchemaReader.quote(table) + " where "
                     + SqliteSchemaReader.quote(column) + " is null")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.UNREACHABLE, "Cannot count the NULLs of " + table + "." + column
                    + ": " + e.getMessage(), e);
        }
    }

    /** Turns a driver failure into a message naming the file and what to do. */
    public static MigrateException translate(SQLException e, String where, String action) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT) {
                return new MigrateException(ErrorCode.CORRUPT, "The database file " + where
                        + " is not a valid SQLite database (" + code.message + "). Restore it from a backup "
                        + "(the backups folder next to it) or point <url> / -Dmigrate.url at the right file. "
                        + "Nothing was changed.", e);
            }
            if (code == SQLiteErrorCode.SQLITE_READONLY_ROLLBACK) {
                return new MigrateException(ErrorCode.UNREACHABLE, "The database file " + where + " was left in the "
                        + "middle of a write by a process that was killed (its -journal file holds the unfinished "
                        + "transaction), and a read-only goal cannot recover it. Run mvn migrate:auto or migrate:apply: "
                        + "they put the interrupted run back first. Nothing was changed.", e);
            }
            if (code == SQLiteErrorCode.SQLITE_READONLY || code == SQLiteErrorCode.SQLITE_READONLY_DIRECTORY
                    || code == SQLiteErrorCode.SQLITE_READONLY_DBMOVED) {
                return new MigrateException(ErrorCode.UNREACHABLE, "The database file " + where + " is read-only ("
                        + code.message + "). Make the file and its directory writable by this user, or point <url> / "
                        + "-Dmigrate.url at a writable copy. Nothing was changed.", e);
            }
            if (code == SQLiteErrorCode.SQLITE_CANTOPEN || code == SQLiteErrorCode.SQLITE_PERM
                    || code == SQLiteErrorCode.SQLITE_READONLY || code == SQLiteErrorCode.SQLITE_AUTH) {
                return new MigrateException(ErrorCode.UNREACHABLE, "Cannot " + action + " the database file "
                        + where + " (" + code.message + "). Check that the file and its directory exist and "
                        + "are readable and writable by this user. Nothing was changed.", e);
            }
            if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED) {
                return new MigrateException(ErrorCode.LOCKED, "The database file " + where
                        + " is locked by another process (" + code.message + "). Stop the application or "
                        + "the other migration using it and run again. Nothing was changed.", e);
            }
        }
        return new MigrateException(ErrorCode.UNREACHABLE, "Cannot " + action + " the database " + where + ": "
                + e.getMessage() + ". Nothing was changed.", e);
    }

    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing a connection we only read from: nothing to recover
        }
    }
}
