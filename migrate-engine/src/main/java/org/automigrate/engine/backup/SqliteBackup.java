package org.automigrate.engine.backup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final int PAGES_PER_STEP = 4096;
    private static final long CHUNK = 64L * 1024 * 1024;

    private final BackupPolicy policy;
    private final DatabaseTarget target;
    private final EngineListener listener;

    public SqliteBackup(BackupPolicy policy, DatabaseTarget target, EngineListener listener) {
        this.policy = policy;
        this.target = target;
        this.listener = listener;
    }

    /** Where backups go: the configured directory, or {@code backups} next to the database file. */
    public Path directory() {
        return policy.directory() != null ? policy.directory().toAbsolutePath().normalize()
                : target.sqliteFile().getParent().resolve("backups");
    }

    /** Checks, before anything else happens, that a backup can be written. */
    public void checkWritable() {
        Path dir = directory();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".automigrate", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new MigrateException(ErrorCode.IO, "The backup directory " + dir + " is not writable ("
                    + describe(e) + "). Fix its permissions, choose another one with <backupDirectory> or "
                    + "-Dmigrate.backupDirectory, or turn backups off with -Dmigrate.backup=false. "
                    + "Nothing was changed.", e);
        }
    }

    /** Takes a backup now and applies the retention policy; returns the backup file. */
    public Path take() {
        checkWritable();
        Path db = target.sqliteFile();
        Path file = uniqueName(db.getFileName() + ".backup_" + LocalDateTime.now().format(STAMP));
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long size = sizeOf(db);
        long started = System.nanoTime();
        Connection connection = SqliteDatabase.open(target, true);
        try {
            if (!copyUnderReadLock(connection, db, partial, size)) {
                SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
                Progress progress = new Progress("Backup", size);
                sqlite.getDatabase().backup("main", partial.toString(), progress::report, 100, 3, PAGES_PER_STEP);
            }
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new MigrateException(ErrorCode.IO, "The backup of " + db + " to " + file + " failed: "
                    + e.getMessage() + ". Nothing was changed.", e);
        } catch (SQLException e) {
            deleteQuietly(partial);
            throw new MigrateException(ErrorCode.IO, "The backup of " + db + " to " + file + " failed: "
                    + e.getMessage() + ". Nothing was changed.", e);
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new MigrateException(ErrorCode.IO, "Cannot finish the backup " + file + ": " + e.getMessage(), e);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        listener.step("Backup: " + file + " (" + human(sizeOf(file)) + ", " + millis + " ms)");
        prune(file);
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
            Progress progress = new Progress("Restore", sizeOf(backup));
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
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Pattern name = Pattern.compile(Pattern.quote(target.sqliteFile().getFileName().toString())
                + "\\.backup_\\d{8}_\\d{6}(_\\d+)?");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> name.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> stampKey(p.getFileName().toString())).reversed())
                    .toList();
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot list the backups in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Sort key of a backup name: its time stamp, then its same-second sequence number. */
    private static String stampKey(String name) {
        String tail = name.substring(name.lastIndexOf(".backup_") + ".backup_".length());
        String stamp = tail.substring(0, 15);
        String sequence = tail.length() > 16 ? tail.substring(16) : "1";
        return stamp + String.format(java.util.Locale.ROOT, "%06d", Integer.parseInt(sequence));
    }

    private void prune(Path keepAlways) {
        List<Path> backups = list();
        List<Path> delete = new ArrayList<>();
        LocalDateTime cutoff = LocalDateTime.now().minusDays(policy.retentionDays());
        for (int i = 0; i < backups.size(); i++) {
            Path backup = backups.get(i);
            if (backup.equals(keepAlways)) {
                continue;
            }
            boolean tooMany = policy.keep() > 0 && i >= policy.keep();
            boolean tooOld = policy.retentionDays() > 0 && modified(backup).isBefore(cutoff);
            if (tooMany || tooOld) {
                delete.add(backup);
            }
        }
        for (Path backup : delete) {
            deleteQuietly(backup);
        }
        if (!delete.isEmpty()) {
            listener.step("Backup retention: removed " + delete.size() + " old backup" + (delete.size() == 1 ? "" : "s")
                    + " (keep " + policy.keep() + ", " + policy.retentionDays() + " days)");
        }
    }

    private Path uniqueName(String base) {
        Path file = directory().resolve(base);
        for (int n = 2; Files.exists(file); n++) {
            file = directory().resolve(base + "_" + n);
        }
        return file;
    }

    private static LocalDateTime modified(Path file) {
        try {
            return LocalDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneId.systemDefault());
        } catch (IOException e) {
            return LocalDateTime.now();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover partial file is harmless: it never matches the backup name pattern
        }
    }

    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(java.util.Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
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
                listener.progress(what + ": " + percent + "% of " + human(bytes));
            }
        }
    }
}
