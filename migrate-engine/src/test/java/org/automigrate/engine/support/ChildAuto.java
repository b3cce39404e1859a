package org.automigrate.engine.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code auto} in a child JVM ({@link AutoMain}) on the test classpath, with its output collected line by line. */
public final class ChildAuto implements AutoCloseable {
    private static final Pattern SHADOW = Pattern.compile("Created the shadow database (automigrate_shadow_\\d+_[0-9a-f]{8})");
    private final Process process;
    private final String url;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildAuto(Process process, String url) {
        this.process = process;
        this.url = url;
        this.reader = new Thread(this::readOutput, "child-auto-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code auto} of {@code project} with the model package, on the given database URL. */
    public static ChildAuto start(Project project, String modelPackage, String url) throws IOException {
        return start(project, modelPackage, url, null);
    }

    /** Starts {@code restore} of {@code backup} for {@code project}, on the given database URL. */
    public static ChildAuto startRestore(Project project, String url, Path backup) throws IOException {
        return start(project, "v1", url, "restore=" + backup);
    }

    private static ChildAuto start(Project project, String modelPackage, String url, String goal) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1"); // starts faster; the heavy lifting is SQLite's native code
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AutoMain.class.getName());
        command.add(project.dir.toString());
        command.add(modelPackage);
        command.add(url);
        if (goal != null) {
            command.add(goal);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of("").toAbsolutePath().toFile()) // Project finds target/test-classes from here
                .redirectErrorStream(true);
        return new ChildAuto(builder.start(), url);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process was killed: what it printed so far is in lines
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String output() {
        return String.join("\n", lines);
    }

    public boolean printed(Predicate<String> line) {
        return lines.stream().anyMatch(line);
    }

    /** Waits for the process to end and its output to be read; returns its exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            reader.join(5_000);
            throw new AssertionError("The child auto run did not finish within " + timeout + "; output:\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /**
     * SIGKILL: no shutdown hooks, no finally blocks, no chance to clean up. The shadow database a killed MariaDB run
     * created is dropped here, so the suite leaves none behind (a PostgreSQL shadow is a schema in the test's database,
     * dropped with it; a later run would drop either only once it is a day old).
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        reader.join(5_000);
        dropShadows();
    }

    private void dropShadows() {
        if (!url.startsWith("jdbc:mariadb:")) {
            return;
        }
        for (String line : lines) {
            Matcher m = SHADOW.matcher(line);
            if (!m.find()) {
                continue;
            }
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("drop database if exists " + m.group(1));
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot drop the killed run's shadow " + m.group(1), e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
