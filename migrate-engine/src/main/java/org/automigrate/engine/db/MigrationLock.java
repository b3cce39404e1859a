package org.automigrate.engine.db;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;

/**
 * One migration of a database file at a time, on this machine: an operating-system lock on
 * {@code <db file>.automigrate.lock}, which the operating system releases when the process ends, even
 * when it is killed. The file also says who holds it and what that run is doing, so the next run can
 * tell a run that was killed while it was applying, and restore from the backup that run took.
 */
public final class MigrationLock implements RunLock {

    /** What the lock file says about the run that holds (or last held) it. */
    public record Holder(long pid, String host, Instant started, String state) {
        public static final String RUNNING = "running";
        public static final String DONE = "done";
    }

    private final Path database;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Path createdDirectory;
    private final Instant started = Instant.now();

    private MigrationLock(Path database, Path file, FileChannel channel, FileLock lock, Path createdDirectory) {
        this.database = database;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.createdDirectory = createdDirectory;
    }

    public static Path fileFor(Path database) {
        return database.resolveSibling(database.getFileName() + ".automigrate.lock");
    }

    /**
     * Takes the lock, waiting up to {@code wait} for a run that holds it. A run that leaves no database behind
     * (it was refused, or it failed on a new file) also removes the lock file and the directories it created.
     */
    public static MigrationLock acquire(Path database, Duration wait, EngineListener listener) {
        Path file = fileFor(database);
        Path created = null;
        try {
            created = createDirectories(file.getParent());
            long deadline = System.nanoTime() + wait.toNanos();
            boolean told = false;
            int polls = 0;
            while (true) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                try {
                    Object opened = fileKey(file);
                    FileLock lock = tryLock(channel);
                    if (lock != null) {
                        if (opened != null && opened.equals(fileKey(file))) {
                            MigrationLock taken = new MigrationLock(database, file, channel, lock, created);
                            taken.write(Holder.RUNNING);
                            channel = null;
                            return taken;
                        }
                        lock.release(); // the run before removed the file as it finished: lock the one there now
                        continue;
                    }
                    if (System.nanoTime() > deadline) {
                        String holder = read(channel).map(MigrationLock::describe).orElse("another process");
                        throw new MigrateException(ErrorCode.LOCKED, "Another migration of " + database
                                + " is running (" + holder + "); waited " + wait.toSeconds() + " s for it to finish. "
                                + "Run again when it has finished. Nothing was changed.");
                    }
                    // the holder writes who it is just after it takes the lock: give it a moment to say so
                    Optional<Holder> holder = read(channel).filter(h -> !Holder.DONE.equals(h.state()));
                    if (!told && (holder.isPresent() || ++polls > 5)) {
                        listener.waitingForLock("Waiting for another migration of this database to finish ("
                                + holder.map(MigrationLock::describe).orElse("another process") + ")");
                        told = true;
                    }
                } finally {
                    closeQuietly(channel);
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            removeEmpty(created, file.getParent());
            throw new MigrateException(ErrorCode.IO, "Cannot create the lock file " + file + ": " + e.getMessage()
                    + ". Its directory must be writable (SQLite: the database's directory). Nothing was changed.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException(ErrorCode.LOCKED, "Interrupted while waiting for the lock " + file, e);
        } catch (RuntimeException e) {
            removeEmpty(created, file.getParent());
            throw e;
        }
    }

    /** The file's identity (device and inode), or null when it is not there. */
    private static Object fileKey(Path file) {
        try {
            return java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Creates {@code directory} and its missing parents; returns the topmost one it created, or null. */
    private static Path createDirectories(Path directory) throws IOException {
        Path top = null;
        for (Path p = directory.toAbsolutePath(); p != null && !java.nio.file.Files.exists(p); p = p.getParent()) {
            top = p;
        }
        java.nio.file.Files.createDirectories(directory);
        return top;
    }

    /** Removes the directories from {@code leaf} up to {@code top} that are empty (those a refused run created). */
    private static void removeEmpty(Path top, Path leaf) {
        if (top == null) {
            return;
        }
        for (Path p = leaf.toAbsolutePath(); p != null && p.startsWith(top.toAbsolutePath()); p = p.getParent()) {
            try {
                java.nio.file.Files.deleteIfExists(p);
            } catch (IOException notEmpty) {
                return;
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another engine in this JVM
        }
    }

    /** What the lock file of a database says now, without taking the lock. */
    public static Optional<Holder> peek(Path database) {
        Path file = fileFor(database);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void write(String state) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("pid", Long.toString(ProcessHandle.current().pid()));
        values.put("host", localHost());
        values.put("started", started.toString());
        values.put("state", state);
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            // write over the old note, then cut it to length: a reader never sees an empty file
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            channel.write(ByteBuffer.wrap(bytes), 0);
            channel.truncate(bytes.length);
            channel.force(true);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot write the lock file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Holder> read(FileChannel channel) {
        try {
            long size = channel.size();
            if (size == 0 || size > 64 * 1024) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            channel.read(buffer, 0);
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : new String(buffer.array(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            if (!values.containsKey("pid") || !values.containsKey("state")) {
                return Optional.empty();
            }
            return Optional.of(new Holder(Long.parseLong(values.getOrDefault("pid", "-1")),
                    values.getOrDefault("host", ""), Instant.parse(values.getOrDefault("started", Instant.EPOCH.toString())),
                    values.getOrDefault("state", Holder.DONE)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable note is no note: the OS lock is what protects
        }
    }

    private static String describe(Holder holder) {
        return "pid " + holder.pid() + " on " + holder.host() + ", started " + holder.started() + ", " + holder.state();
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        boolean noDatabase = !java.nio.file.Files.exists(database);
        try {
            if (noDatabase) {
                java.nio.file.Files.deleteIfExists(file); // while locked: a waiting run then locks a new file
            } else {
                write(Holder.DONE);
            }
        } catch (IOException | RuntimeException ignored) {
            // the note is only for waiting runs: the lock is what protects
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // the lock goes with the channel
        }
        closeQuietly(channel);
        if (noDatabase) {
            removeEmpty(createdDirectory, file.getParent());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
