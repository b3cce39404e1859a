package org.automigrate.engine.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.db.SqliteDatabase;

/**
 * The schema the model wants, made real: Hibernate's DDL for the model is run in a private in-memory
 * SQLite database (the shadow) and read back exactly as the live database will be read, so both sides
 * of the comparison come from the same reader.
 */
public final class DesiredSchema {

    private DesiredSchema() {
    }

    private static final Pattern NEAR = Pattern.compile("near \"([^\"]+)\": syntax error");

    /** What to fix: a name that is an SQLite keyword must be quoted in the mapping, for the application too. */
    private static String advice(SQLException e) {
        Matcher near = NEAR.matcher(String.valueOf(e.getMessage()));
        if (near.find() && SqliteSchemaReader.keywords().contains(near.group(1).toUpperCase(Locale.ROOT))) {
            String word = near.group(1);
            return "'" + word + "' is an SQLite keyword, which Hibernate writes unquoted here, so the application's "
                    + "own queries would fail too: quote the name in the mapping (@Table(name = \"\\\"" + word
                    + "\\\"\") or @Column(name = \"\\\"" + word + "\\\"\")), or rename it.";
        }
        return "Check the mapping (columnDefinition, @Check, names) of the table named there.";
    }

    public static DbSchema build(List<String> ddl) {
        Connection shadow = SqliteDatabase.openUrl("jdbc:sqlite::memory:", false, "the in-memory shadow database");
        try {
            try (Statement st = shadow.createStatement()) {
                for (String statement : ddl) {
                    try {
                        st.execute(statement);
                    } catch (SQLException e) {
                        throw new MigrateException(ErrorCode.MODEL, "SQLite rejects the DDL Hibernate writes for "
                                + "the model: " + e.getMessage() + " in: " + statement + ". " + advice(e), e);
                    }
                }
            }
            return SqliteSchemaReader.read(shadow, t -> true, true);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.INTERNAL, "Cannot read the model's shadow schema: " + e.getMessage(), e);
        } finally {
            SqliteDatabase.closeQuietly(shadow);
        }
    }
}
