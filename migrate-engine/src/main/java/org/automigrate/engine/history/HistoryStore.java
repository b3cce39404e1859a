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
                st.execute("create table if not exists " + TABLE + " ("
                        + "id integer not null primary key, started_at varchar(40) not null, "
                        + "finished_at varchar(40) not null, goal varchar(40) not null, status varchar(20) not null, "
                        + "description text, changesets text, model_files text, "
                        + "backup_file varchar(1000), error text)");
            }
            long id;
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("select coalesce(max(id), 0) + 1 from " + TABLE)) {
                rs.next();
                id = rs.getLong(1);
            }
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
            connection.commit();
            return id;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
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

    /** The newest run still marked {@code APPLYING}, if any. */
    public static java.util.Optional<HistoryEntry> applying(Connection connection) throws SQLException {
        return read(connection, 0).stream().filter(e -> HistoryEntry.APPLYING.equals(e.status())).findFirst();
    }

    /** The recorded runs, newest first; {@code limit} 0 for all. Empty when nothing was recorded yet. */
    public static List<HistoryEntry> read(Connection connection, int limit) throws SQLException {
        if (!Jdbc.tableExists(connection, TABLE)) {
            return List.of();
        }
        List<HistoryEntry> entries = new ArrayList<>();
        String sql = "select id, started_at, finished_at, goal, status, description, changesets, model_files, "
                + "backup_file, error from " + TABLE + " order by id desc" + (limit > 0 ? " limit " + limit : "");
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                entries.add(new HistoryEntry(rs.getLong(1), Instant.parse(rs.getString(2)),
                        Instant.parse(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                        lines(rs.getString(7)), lines(rs.getString(8)), rs.getString(9), rs.getString(10)));
            }
        }
        return entries;
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }
}
