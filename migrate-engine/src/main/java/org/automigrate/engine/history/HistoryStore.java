package org.automigrate.engine.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.automigrate.engine.db.Jdbc;
import org.automigrate.engine.diff.IgnoredTables;

/**
 * The run history, kept in a table of the migrated database ({@code automigrate_history}) so that it
 * travels with the data. Times are ISO-8601 text and lists newline-separated text: plain types every
 * database has.
 */
public final class HistoryStore {
    public static final String TABLE = IgnoredTables.HISTORY_TABLE;
    private static final int MAX_TEXT = 4000;

    private HistoryStore() {
    }

    /** Appends a run and returns its id. Creates the table on first use. */
    public static long record(Connection connection, HistoryEntry entry) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute(CREATE);
            }
            long id;
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("select coalesce(max(id), 0) + 1 from " + TABLE)) {
                rs.next();
                id = rs.getLong(1);
            }
            insert(connection, id, entry);
            connection.commit();
            return id;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Makes the history table hold exactly {@code entries}, with their ids (a restore keeps the live history). */
    public static void replaceAll(Connection connection, List<HistoryEntry> entries) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("drop table if exists " + TABLE);
                st.execute(CREATE);
            }
            for (HistoryEntry entry : entries) {
                insert(connection, entry.id(), entry);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static final String CREATE = "create table if not exists " + TABLE + " ("
            + "id integer not null primary key, started_at varchar(40) not null, "
            + "finished_at varchar(40) not null, goal varchar(40) not null, status varchar(20) not null, "
            + "description text, changesets text, model_files text, "
            + "backup_file varchar(1000), error text)";

    private static void insert(Connection connection, long id, HistoryEntry entry) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("insert into " + TABLE
                + " (id, started_at, finished_at, goal, status, description, changesets, model_files, "
                + "backup_file, error) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, entry.started().toString());
            ps.setString(3, entry.finished().toString());
            ps.setString(4, entry.goal());
            ps.setString(5, entry.status());
            ps.setString(6, clip(entry.description()));
            ps.setString(7, clip(String.join("\n", entry.changesets())));
            ps.setString(8, clip(String.join("\n", entry.modelFiles())));
            ps.setString(9, entry.backupFile());
            ps.setString(10, clip(entry.error()));
            ps.executeUpdate();
        }
    }

    /**
     * Replaces the row {@code id} (written by {@link #record} while the run applied) with the run's outcome;
     * false when the row is not there (a restored backup predates it).
     */
    public static boolean update(Connection connection, long id, HistoryEntry entry) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("update " + TABLE + " set finished_at = ?, status = ?, "
                + "description = ?, changesets = ?, model_files = ?, backup_file = ?, error = ? where id = ?")) {
            ps.setString(1, entry.finished().toString());
            ps.setString(2, entry.status());
            ps.setString(3, clip(entry.description()));
            ps.setString(4, clip(String.join("\n", entry.changesets())));
            ps.setString(5, clip(String.join("\n", entry.modelFiles())));
            ps.setString(6, entry.backupFile());
            ps.setString(7, clip(entry.error()));
            ps.setLong(8, id);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * The runs still marked {@code APPLYING} or {@code RESTORING}, oldest first: while a run holds the migration
     * lock, such a mark belongs to a run that died before it could record its outcome.
     */
    public static List<HistoryEntry> marks(Connection connection) throws SQLException {
        if (!Jdbc.tableExists(connection, TABLE)) {
            return List.of();
        }
        List<HistoryEntry> marks = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT + " where status in (?, ?) order by id")) {
            ps.setString(1, HistoryEntry.APPLYING);
            ps.setString(2, HistoryEntry.RESTORING);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    marks.add(entry(rs));
                }
            }
        }
        return marks;
    }

    /**
     * The statement that replaces row {@code id} of {@code table} (the history table, qualified as the caller
     * needs) with {@code entry}'s outcome, as SQL text with standard SQL string literals, for a script that
     * runs it in its own transaction (a PostgreSQL restore).
     */
    public static String updateStatement(String table, long id, HistoryEntry entry) {
        return "update " + table + " set finished_at = " + literal(entry.finished().toString()) + ", status = "
                + literal(entry.status()) + ", description = " + literal(clip(entry.description()))
                + ", changesets = " + literal(clip(String.join("\n", entry.changesets()))) + ", model_files = "
                + literal(clip(String.join("\n", entry.modelFiles()))) + ", backup_file = "
                + literal(entry.backupFile()) + ", error = " + literal(clip(entry.error())) + " where id = " + id;
    }

    private static String literal(String text) {
        return text == null ? "null" : "'" + text.replace("'", "''") + "'";
    }

    /** The recorded runs, newest first; {@code limit} 0 for all. Empty when nothing was recorded yet. */
    public static List<HistoryEntry> read(Connection connection, int limit) throws SQLException {
        if (!Jdbc.tableExists(connection, TABLE)) {
            return List.of();
        }
        List<HistoryEntry> entries = new ArrayList<>();
        String sql = SELECT + " order by id desc" + (limit > 0 ? " limit " + limit : "");
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                entries.add(entry(rs));
            }
        }
        return entries;
    }

    private static final String SELECT = "select id, started_at, finished_at, goal, status, description, changesets, "
            + "model_files, backup_file, error from " + TABLE;

    private static HistoryEntry entry(ResultSet rs) throws SQLException {
        return new HistoryEntry(rs.getLong(1), Instant.parse(rs.getString(2)), Instant.parse(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), lines(rs.getString(7)), lines(rs.getString(8)),
                rs.getString(9), rs.getString(10));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }
}
