package org.automigrate.engine.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.SqliteDatabase;
import org.sqlite.SQLiteConnection;

/**
 * Consistent online copies of a SQLite database (a file copy under a read transaction, or SQLite's backup
 * API in WAL mode), named
 * {@code <db file>.backup_YYYYMMDD_HHMMSS} in the backup directory, and restores from them.
 * Retention keeps the newest {@code keep} backups and drops those older than {@code retentionDays}.
 */
public final class SqliteBackup implements Backups {
    private static final int PAGES_PER_STEP = 4096;
    private static final long CHUNK = 64L * 1024 * 1024;

    private final DatabaseTarget target;
    private final EngineListener listener;
    private final BackupFiles files;

    public SqliteBackup(BackupPolicy policy, DatabaseTarget target, EngineListener listener) {
        this.target = target;
        this.listener = listener;
        Path directory = policy.directory() != null ? policy.directory().toAbsolutePath().normalize()
                : target.sqliteFile().getParent().resolve("backups");
        this.files = new BackupFiles(directory, target.sqliteFile().getFileName().toString(), "", policy, listener);
    }

    /** Where backups go: the configured directory, or {@code backups} next to the database file. */
    public Path directory() {
        return files.directory();
    }

    /** Checks, before anything else happens, that a backup can be written. */
    public void checkWritable() {
        files.checkWritable();
    }

    /** Takes a backup now and applies the retention policy; returns the backup file. */
    public Path take() {
        checkWritable();
        Path db = target.sqliteFile();
        Path file = files.newFile();
        Path partial = BackupFiles.partial(file);
        long size = BackupFiles.sizeOf(db);
        long started = System.nanoTime();
        Connection connection = SqliteDatabase.open(target, true);
        try {
            if (!copyUnderReadLock(connection, db, partial, size)) {
                SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
                Progress progress = new Progress("Backup", size);
                sqlite.getDatabase().backup("main", partial.toString(), progress::report, 100, 3, PAGES_PER_STEP);
            }
        } catch (IOException e) {
            BackupFiles.deleteQuietly(partial);
            throw new MigrateException(ErrorCode.IO, "The backup of " + db + " to " + file + " failed: "
                    + e.getMessage() + ". Nothing was changed.", e);
        } catch (SQLException e) {
            BackupFiles.deleteQuietly(partial);
            throw new MigrateException(ErrorCode.IO, "The backup of " + db + " to " + file + " failed: "
                    + e.getMessage() + ". Nothing was changed.", e);
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
        BackupFiles.finish(partial, file);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        listener.step("Backup: " + file + " (" + BackupFiles.human(BackupFiles.sizeOf(file)) + ", " + millis + " ms)");
        files.prune(file);
        return file;
    }

    /**
     * The fast consistent copy: in rollback-journal mode a read transaction stops every writer from
     * committing, so the file does not change while its bytes are copied at disk speed, then synced. In WAL
     * mode (where committed pages may still sit in the -wal file) returns false: SQLite's backup API copies.
     */
    private boolean copyUnderReadLock(Connection connection, Path db, Path partial, long size)
            throws SQLException, IOException {
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("pragma journal_mode")) {
                if (!rs.next() || "wal".equalsIgnoreCase(rs.getString(1))) {
                    return false;
                }
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (ResultSet rs = st.executeQuery("select count(*) from sqlite_master")) {
                    rs.next(); // the read transaction (SHARED lock) starts with the first read
                }
                Progress progress = new Progress("Backup", size);
                try (FileChannel in = FileChannel.open(db, StandardOpenOption.READ);
                     FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    long length = in.size();
                    long position = 0;
                    while (position < length) {
                        position += in.transferTo(position, Math.min(CHUNK, length - position), out);
                        progress.report((int) ((length - position) / CHUNK), (int) Math.max(1, length / CHUNK));
                    }
                    out.force(true);
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
        return true;
    }

    /** Replaces the database's content with a backup's, page by page, through SQLite. */
    public void restore(Path backup) {
        Connection connection = SqliteDatabase.open(target, false);
        try {
            SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
            Progress progress = new Progress("Restore", BackupFiles.sizeOf(backup));
            sqlite.getDatabase().restore("main", backup.toString(), progress::report, 100, 3, PAGES_PER_STEP);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.IO, "Restoring " + target.sqliteFile() + " from " + backup
                    + " failed: " + e.getMessage() + ". Copy the backup over the database file by hand "
                    + "while no process uses it.", e);
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    /** This database's backups, newest first. */
    public List<Path> list() {
        return files.list();
    }

    /** Reports page-copy progress at most twice a second. */
    private final class Progress {
        private final String what;
        private final long bytes;
        private long last = System.nanoTime();

        Progress(String what, long bytes) {
            this.what = what;
            this.bytes = bytes;
        }

        void report(int remaining, int pageCount) {
            long now = System.nanoTime();
            if (pageCount > 0 && remaining > 0 && now - last > 500_000_000L) {
                last = now;
                int percent = (int) (100L * (pageCount - remaining) / pageCount);
                listener.progress(what + ": " + percent + "% of " + BackupFiles.human(bytes));
            }
        }
    }
}
