package org.automigrate.engine;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.automigrate.engine.backup.Backups;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.ServerAddress;
import org.automigrate.engine.db.ServerDatabase;
import org.automigrate.engine.db.SqliteDatabase;

/** What differs between a SQLite file and a server for the goals: opening, existing, failing, backing up. */
final class Connections {
    private final EngineConfig config;
    private final DatabaseTarget target;

    Connections(EngineConfig config) {
        this.config = config;
        this.target = config.database();
    }

    boolean sqlite() {
        return target.kind() == DatabaseKind.SQLITE;
    }

    /**
     * SQLite: the file exists. A server's database (which must exist: the engine does not create it) counts
     * as existing once it holds a table; an empty one is new, like a new file.
     */
    boolean exists() {
        if (sqlite()) {
            return Files.exists(target.sqliteFile());
        }
        return !tables().isEmpty();
    }

    /** The tables of the server database's schema. */
    List<String> tables() {
        Connection connection = open(true);
        try (ResultSet rs = target.kind() == DatabaseKind.POSTGRESQL
                ? connection.getMetaData().getTables(null, schema(), null, new String[] {"TABLE"})
                : connection.getMetaData().getTables(schema(), null, null, new String[] {"TABLE"})) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
            return tables;
        } catch (SQLException e) {
            throw translate(e, "read");
        } finally {
            ServerDatabase.closeQuietly(connection);
        }
    }

    Connection open(boolean readOnly) {
        return sqlite() ? SqliteDatabase.open(target, readOnly) : ServerDatabase.open(target);
    }

    MigrateException translate(SQLException e, String action) {
        return sqlite() ? SqliteDatabase.translate(e, target.sqliteFile().toString(), action)
                : ServerDatabase.translate(e, target, ServerAddress.parse(target.url()).database(), action);
    }

    /** Where the tables are: PostgreSQL's schema, MariaDB's database (null for SQLite). */
    String schema() {
        return sqlite() ? null : ServerAddress.parse(target.url()).schema();
    }

    Backups backups(EngineListener listener) {
        return Backups.of(config.backup(), target, config.projectDirectory().resolve("backups"), listener);
    }
}
