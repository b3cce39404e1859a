package org.automigrate.engine.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Makes a file really read-only for this process, also when the tests run as root (which ignores file
 * modes): the write permission is removed, and where that is not enough, the file is made immutable
 * with {@code chattr +i}. {@link #close()} undoes it, so the temporary directory can be deleted.
 */
public final class ReadOnlyFile implements AutoCloseable {
    private final Path file;
    private final boolean immutable;

    private ReadOnlyFile(Path file, boolean immutable) {
        this.file = file;
        this.immutable = immutable;
    }

    /** Returns null when neither way makes the file unwritable here. */
    public static ReadOnlyFile make(Path file) throws Exception {
        file.toFile().setWritable(false, false);
        if (!canWrite(file)) {
            return new ReadOnlyFile(file, false);
        }
        if (run("chattr", "+i", file.toString()) && !canWrite(file)) {
            return new ReadOnlyFile(file, true);
        }
        run("chattr", "-i", file.toString());
        file.toFile().setWritable(true, false);
        return null;
    }

    public String how() {
        return immutable ? "chattr +i" : "no write permission";
    }

    private static boolean canWrite(Path file) {
        try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (immutable) {
            run("chattr", "-i", file.toString());
        }
        file.toFile().setWritable(true, false);
    }
}
