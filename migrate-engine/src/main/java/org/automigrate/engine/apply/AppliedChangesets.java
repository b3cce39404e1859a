package org.automigrate.engine.apply;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.db.Jdbc;

/** Reads Liquibase's {@code DATABASECHANGELOG} table directly, without creating or locking anything. */
public final class AppliedChangesets {

    /** One row of {@code DATABASECHANGELOG}. */
    public record Row(String id, String author, String file, String checksum, int order) {
        public String key() {
            return PendingChangeset.key(file, id, author);
        }
    }

    private AppliedChangesets() {
    }

    public static List<Row> read(Connection connection) throws SQLException {
        if (!Jdbc.tableExists(connection, "DATABASECHANGELOG")) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select ID, AUTHOR, FILENAME, MD5SUM, ORDEREXECUTED "
                     + "from DATABASECHANGELOG order by ORDEREXECUTED")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
            }
        }
        return rows;
    }

    /** The changesets of the changelog that the database has not run, in changelog order. */
    public static List<PendingChangeset> pending(List<PendingChangeset> changelog, List<Row> applied) {
        Set<String> ran = new HashSet<>();
        applied.forEach(r -> ran.add(r.key()));
        return changelog.stream().filter(c -> !ran.contains(c.key())).toList();
    }
}
