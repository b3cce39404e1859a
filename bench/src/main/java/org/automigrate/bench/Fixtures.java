package org.automigrate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.automigrate.engine.Engine;
import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.EngineListener;

/** Files and engine set-up shared by the in-process and the child-JVM runs. */
final class Fixtures {
    private Fixtures() {
    }

    /** The layout of one generated model's fixtures under {@code work/m<N>}. */
    record ModelDirs(int n, Path root) {
        Path base() {
            return root.resolve("base-classes");
        }

        Path plus() {
            return root.resolve("plus-classes");
        }

        /** A project whose database matches the base model (made by the engine's auto). */
        Path current() {
            return root.resolve("current");
        }

        /** The scratch project each measured run works in. */
        Path run() {
            return root.resolve("run");
        }
    }

    static Path db(Path project) {
        return project.resolve("app.db");
    }

    static EngineConfig.Builder config(Path project, Path classes) {
        return EngineConfig.builder(project)
                .scanRoots(List.of(classes))
                .classpath(List.of(classes))
                .url("jdbc:sqlite:" + db(project))
                .backupDirectory(project.resolve("backups"));
    }

    static Engine engine(Path project, Path classes, EngineListener listener) {
        return new Engine(config(project, classes).build(), listener);
    }

    /**
     * Step lines with the milliseconds since the run started; optionally the engine's own detail lines too
     * (not the libraries' chatter), which time steps the step lines do not show, such as the shadow's creation.
     */
    static final class Timeline implements EngineListener {
        private final long start = System.nanoTime();
        private final boolean details;
        final List<String> lines = new ArrayList<>();

        Timeline() {
            this(false);
        }

        Timeline(boolean details) {
            this.details = details;
        }

        @Override
        public synchronized void detail(String message) {
            if (details && !message.startsWith("[")) {
                lines.add(String.format("+%6d ms    (detail) %s", (System.nanoTime() - start) / 1_000_000, message));
            }
        }

        @Override
        public synchronized void step(String message) {
            lines.add(String.format("+%6d ms  %s", (System.nanoTime() - start) / 1_000_000, message));
        }

        @Override
        public void progress(String message) {
        }

        @Override
        public synchronized void warn(String message) {
            lines.add(String.format("+%6d ms  WARNING %s", (System.nanoTime() - start) / 1_000_000, message));
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void fresh(Path dir) {
        deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
