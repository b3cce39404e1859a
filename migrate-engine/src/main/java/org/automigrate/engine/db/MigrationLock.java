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

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Instant started = Instant.now();

    private MigrationLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public static Path fileFor(Path database) {
        return database.resolveSibling(database.getFileName() + ".automigrate.lock");
    }

    /** Takes the lock, waiting up to {@code wait} for a run that holds it. */
    public static MigrationLock acquire(Path database, Duration wait, EngineListener listener) {
        Path file = fileFor(database);
        FileChannel channel = null;
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + wait.toNanos();
            boolean told = false;
            int polls = 0;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    MigrationLock taken = new MigrationLock(file, channel, lock);
                    taken.write(Holder.RUNNING);
                    return taken;
                }
                if (System.nanoTime() > deadline) {
                    String holder = read(channel).map(MigrationLock::describe).orElse("another process");
                    throw new MigrateException(ErrorCode.LOCKED, "Another migration of " + database + " is running ("
                            + holder + "); waited " + wait.toSeconds() + " s for it to finish. Run again when it "
                            + "has finished. Nothing was changed.");
                }
                // the holder writes who it is just after it takes the lock: give it a moment to say so
                Optional<Holder> holder = read(channel).filter(h -> !Holder.DONE.equals(h.state()));
                if (!told && (holder.isPresent() || ++polls > 5)) {
                    listener.step("Waiting for another migration of this database to finish ("
                            + holder.map(MigrationLock::describe).orElse("another process") + ")");
                    told = true;
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new MigrateException(ErrorCode.IO, "Cannot create the lock file " + file + ": " + e.getMessage()
                    + ". Its directory must be writable (SQLite: the database's directory; servers: the state "
                    + "directory, target/automigrate by default). Nothing was changed.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw new MigrateException(ErrorCode.LOCKED, "Interrupted while waiting for the lock " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
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
        try {
            write(Holder.DONE);
        } catch (RuntimeException ignored) {
            // the note is only for waiting runs: the lock is what protects
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // the lock goes with the channel
        }
        closeQuietly(channel);
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
