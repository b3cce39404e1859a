package org.automigrate.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.automigrate.engine.backup.Backups;
import org.automigrate.engine.backup.SqliteBackup;
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

    /** SQLite: the file exists. A server's database must exist (the engine does not create it). */
    boolean exists() {
        return !sqlite() || Files.exists(target.sqliteFile());
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
        if (sqlite()) {
            return new SqliteBackup(config.backup(), target, listener);
        }
        return new UnavailableBackups(config.projectDirectory().resolve("backups"));
    }

    /** Until the dump-tool backups land: server backups are not available. */
    private record UnavailableBackups(Path directory) implements Backups {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public String unavailableReason() {
            return "backups of server databases are not available in this build";
        }

        @Override
        public void checkWritable() {
        }

        @Override
        public Path take() {
            throw new MigrateException(ErrorCode.CONFIGURATION, unavailableReason());
        }

        @Override
        public void restore(Path backup) {
            throw new MigrateException(ErrorCode.CONFIGURATION, unavailableReason());
        }

        @Override
        public List<Path> list() {
            return List.of();
        }
    }
}
