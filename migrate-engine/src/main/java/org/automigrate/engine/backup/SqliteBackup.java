package org.automigrate.engine.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.SqliteDatabase;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.history.HistoryStore;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

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

    /** Takes a backup now and applies the retention policy (never removing {@code keep}); returns the backup file. */
    public Path take(Set<Path> keep) {
        checkWritable();
        Path db = target.sqliteFile();
        Path file = files.newFile();
        long size = BackupFiles.sizeOf(db);
        long started = System.nanoTime();
        Path partial = null;
        Connection connection = SqliteDatabase.open(target, true);
        try {
            partial = BackupFiles.createPartial(file);
            if (!copyUnderReadLock(connection, db, partial, size)) {
                SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
                Progress progress = new Progress("Backup", size);
                int rc = sqlite.getDatabase().backup("main", partial.toString(), progress::report, 100, 3,
                        PAGES_PER_STEP);
                if (rc != SQLiteErrorCode.SQLITE_OK.code && rc != SQLiteErrorCode.SQLITE_DONE.code) {
                    throw new SQLException("SQLite's backup stopped with " + SQLiteErrorCode.getErrorCode(rc));
                }
            }
            SqliteDatabase.closeQuietly(connection);
            connection = null;
            checkCopy(partial, "The backup just written");
        } catch (IOException | SQLException | RuntimeException e) {
            if (partial != null) {
                BackupFiles.deletePartial(partial);
            }
            if (e instanceof MigrateException m && m.code() != ErrorCode.CORRUPT) {
                throw m;
            }
            throw BackupFiles.writeFailure("The backup of " + db + " to " + file, file, e);
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
        BackupFiles.finish(partial, file);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        listener.step("Backup: " + file + " (" + BackupFiles.human(BackupFiles.sizeOf(file)) + ", " + millis + " ms)");
        Set<Path> kept = new HashSet<>(keep);
        kept.add(file);
        files.prune(kept);
        return file;
    }

    /** Fails unless {@code backup} is a whole SQLite database that passes {@code quick_check}. */
    public void check(Path backup) {
        if (!Files.isRegularFile(backup)) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The backup " + backup + " does not exist. "
                    + "Nothing was changed.");
        }
        checkCopy(backup, "The file " + backup);
    }

    /**
     * A copy is complete when it starts with SQLite's header, its size is its page count times its page size,
     * and {@code quick_check} finds nothing wrong; otherwise {@link ErrorCode#CORRUPT}. The file is only read.
     */
    private static void checkCopy(Path copy, String what) {
        byte[] header = new byte[100];
        long size;
        try (var in = Files.newInputStream(copy)) {
            size = Files.size(copy);
            if (in.readNBytes(header, 0, 100) < 100
                    || !new String(header, 0, 15, StandardCharsets.US_ASCII).equals("SQLite format 3")) {
                throw notABackup(what, "it is not a SQLite database");
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, what + " cannot be read: " + e.getMessage()
                    + ". Nothing was changed.", e);
        }
        // the header's page size and, when valid (its change counter is repeated at offset 92), its page count
        java.nio.ByteBuffer fields = java.nio.ByteBuffer.wrap(header);
        int pageSize = fields.getShort(16) & 0xffff;
        long pageSizeBytes = pageSize == 1 ? 65536 : pageSize;
        long pageCount = fields.getInt(28) & 0xffffffffL;
        if (fields.getInt(92) == fields.getInt(24) && pageCount > 0 && pageCount * pageSizeBytes != size) {
            throw notABackup(what, "it is cut short or padded: " + size + " bytes, where its header describes "
                    + pageCount + " pages of " + pageSizeBytes + " bytes");
        }
        Connection connection = SqliteDatabase.openUrl("jdbc:sqlite:file:" + copy.toAbsolutePath() + "?immutable=1",
                true, copy.toString());
        try (Statement st = connection.createStatement()) {
            List<String> problems = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("pragma quick_check(5)")) {
                while (rs.next()) {
                    if (!"ok".equals(rs.getString(1))) {
                        problems.add(rs.getString(1));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw notABackup(what, "SQLite's quick_check finds it damaged: " + String.join("; ", problems));
            }
        } catch (SQLException e) {
            throw notABackup(what, "SQLite cannot read it (" + e.getMessage() + ")");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    private static MigrateException notABackup(String what, String why) {
        return new MigrateException(ErrorCode.CORRUPT, what + " is not a complete SQLite backup: " + why
                + ". Nothing was changed.");
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
                     FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE,
                             StandardOpenOption.TRUNCATE_EXISTING)) {
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

    /**
     * Replaces the database's content with a backup's, keeping its history table. The backup is copied to a
     * scratch file next to the database, the live history (with the restore's own row set to its outcome) is put
     * into the copy, and SQLite's backup API then writes the copy over the database in one write transaction: a
     * process killed in the middle leaves the database as it was (SQLite's journal).
     */
    public void restore(Path backup, History history) {
        Path db = target.sqliteFile();
        long started = System.nanoTime();
        Path scratch = scratchFor(db);
        try {
            Files.deleteIfExists(scratch);
            Files.createFile(scratch, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.copy(backup, scratch, StandardCopyOption.REPLACE_EXISTING);
            if (history != null) {
                keepHistory(scratch, history);
            }
        } catch (IOException | SQLException e) {
            BackupFiles.deleteQuietly(scratch);
            throw BackupFiles.writeFailure("Preparing the restore of " + db + " from " + backup + " (in " + scratch
                    + ")", scratch, e);
        }
        Connection connection = SqliteDatabase.open(target, false);
        try {
            SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
            Progress progress = new Progress("Restore", BackupFiles.sizeOf(scratch));
            int rc = sqlite.getDatabase().restore("main", scratch.toString(), progress::report, 100, 3, PAGES_PER_STEP);
            if (rc != SQLiteErrorCode.SQLITE_OK.code && rc != SQLiteErrorCode.SQLITE_DONE.code) {
                throw new SQLException("SQLite's restore stopped with " + SQLiteErrorCode.getErrorCode(rc));
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.IO, "Restoring " + db + " from " + backup + " failed: "
                    + e.getMessage() + ". SQLite restores in one transaction, so the database is as it was.", e);
        } finally {
            SqliteDatabase.closeQuietly(connection);
            BackupFiles.deleteQuietly(scratch);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        listener.step("Restore: " + backup + " (" + BackupFiles.human(BackupFiles.sizeOf(backup)) + ", " + millis
                + " ms)");
    }

    /** Where a restore prepares its copy of the backup: next to the database (a killed restore leaves it there). */
    public static Path scratchFor(Path db) {
        return db.resolveSibling(db.getFileName() + ".automigrate-restore");
    }

    /** Replaces the history table of {@code copy} with the live database's, the restore's own row set to its outcome. */
    private void keepHistory(Path copy, History history) throws SQLException {
        List<HistoryEntry> live;
        Connection connection = SqliteDatabase.open(target, true);
        try {
            live = HistoryStore.read(connection, 0);
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
        List<HistoryEntry> kept = new ArrayList<>();
        for (HistoryEntry entry : live) {
            kept.add(entry.id() == history.markId() ? history.outcome() : entry);
        }
        if (kept.stream().noneMatch(e -> e.id() == history.markId())) {
            kept.add(history.outcome());
        }
        Connection scratch = SqliteDatabase.openUrl("jdbc:sqlite:" + copy, false, copy.toString());
        try {
            HistoryStore.replaceAll(scratch, kept);
        } finally {
            SqliteDatabase.closeQuietly(scratch);
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
