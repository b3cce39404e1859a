package org.automigrate.engine.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.BackupPolicy;

/**
 * The backup files of one database in one directory, shared by every {@link Backups} implementation:
 * names {@code <base>.backup_YYYYMMDD_HHMMSS[_N]<suffix>} ({@code _N} for a second backup in the same
 * second), the listing newest first, and the retention policy ({@code keep} newest, none older than
 * {@code retentionDays}).
 */
final class BackupFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private final Path directory;
    private final String base;
    private final String suffix;
    private final BackupPolicy policy;
    private final EngineListener listener;
    private final Pattern name;

    /**
     * @param base   the start of every name: the database file name (SQLite) or the database name (servers)
     * @param suffix the end of every name after the time stamp: empty, or e.g. {@code .sql}
     */
    BackupFiles(Path directory, String base, String suffix, BackupPolicy policy, EngineListener listener) {
        this.directory = directory;
        this.base = base;
        this.suffix = suffix;
        this.policy = policy;
        this.listener = listener;
        this.name = Pattern.compile(Pattern.quote(base) + "\\.backup_(\\d{8}_\\d{6})(?:_(\\d+))?" + Pattern.quote(suffix));
    }

    Path directory() {
        return directory;
    }

    /** Checks that the directory exists or can be made ({@code 0700}), and that a file can be written in it. */
    void checkWritable() {
        try {
            if (!Files.isDirectory(directory)) {
                try {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(directory);
                }
            }
            Path probe = Files.createTempFile(directory, ".automigrate", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new MigrateException(ErrorCode.IO, "The backup directory " + directory + " is not writable ("
                    + describe(e) + "). Fix its permissions, choose another one with <backupDirectory> or "
                    + "-Dmigrate.backupDirectory, or turn backups off with -Dmigrate.backup=false. "
                    + "Nothing was changed.", e);
        }
    }

    /** The name for a backup taken now that no file has yet. */
    Path newFile() {
        String stamped = base + ".backup_" + LocalDateTime.now().format(STAMP);
        Path file = directory.resolve(stamped + suffix);
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve(stamped + "_" + n + suffix);
        }
        return file;
    }

    /** The file a backup is written to before it is complete; it never matches a backup name. */
    static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    /** Creates {@link #partial} empty, readable and writable by its owner only ({@code 0600}). */
    static Path createPartial(Path file) throws IOException {
        Path partial = partial(file);
        Files.deleteIfExists(partial);
        try {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(partial);
        }
        return partial;
    }

    /**
     * The failure to write a backup (or a scratch copy) as a message: says so when the disk is full, and that
     * the database was not touched.
     */
    static MigrateException writeFailure(String what, Path file, Exception e) {
        String message = String.valueOf(e.getMessage());
        boolean full = message.contains("No space left") || message.contains("SQLITE_FULL")
                || message.contains("database or disk is full");
        return new MigrateException(ErrorCode.IO, what + " failed: " + (full ? "the disk holding " + file.getParent()
                + " is full (" + message + "). Free some space or choose another directory with <backupDirectory> / "
                + "-Dmigrate.backupDirectory" : message) + ". Nothing was changed.", e);
    }

    /** Flushes a finished partial file to disk and gives it its final name. */
    static void finish(Path partial, Path file) {
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new MigrateException(ErrorCode.IO, "Cannot finish the backup " + file + ": " + e.getMessage(), e);
        }
    }

    /** This database's backups, newest first. */
    List<Path> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> name.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> sortKey(p.getFileName().toString())).reversed())
                    .toList();
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot list the backups in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Sort key of a backup name: its time stamp, then its same-second sequence number. */
    private String sortKey(String fileName) {
        Matcher m = name.matcher(fileName);
        if (!m.matches()) {
            return "";
        }
        int sequence = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        return m.group(1) + String.format(Locale.ROOT, "%06d", sequence);
    }

    /**
     * Deletes the backups beyond {@code keep} and those older than {@code retentionDays}, never one of
     * {@code keepAlways} (the backup just taken, and during a restore the backup being restored).
     */
    void prune(java.util.Set<Path> keepAlways) {
        List<Path> backups = list();
        List<Path> delete = new ArrayList<>();
        LocalDateTime cutoff = LocalDateTime.now().minusDays(policy.retentionDays());
        java.util.Set<Path> kept = new java.util.HashSet<>();
        keepAlways.forEach(p -> kept.add(p.toAbsolutePath().normalize()));
        // the backups that must stay count against keep: the newest others fill what is left of it
        int slots = policy.keep() - (int) backups.stream().filter(b -> kept.contains(b.toAbsolutePath().normalize()))
                .count();
        for (Path backup : backups) {
            if (kept.contains(backup.toAbsolutePath().normalize())) {
                continue;
            }
            boolean tooMany = policy.keep() > 0 && slots-- <= 0;
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

    private static LocalDateTime modified(Path file) {
        try {
            return LocalDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneId.systemDefault());
        } catch (IOException e) {
            return LocalDateTime.now();
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Deletes a partial backup and what SQLite may have left beside it while writing it. */
    static void deletePartial(Path partial) {
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            deleteQuietly(partial.resolveSibling(partial.getFileName() + suffix));
        }
    }

    static void deleteQuietly(Path file) {
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
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
