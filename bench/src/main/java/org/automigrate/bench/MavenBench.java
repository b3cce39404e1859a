package org.automigrate.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The goals as users run them: real {@code mvn} processes on generated Maven projects (the bench's models),
 * each paired with {@code mvn compile} on the same project and with Hibernate's update and validate as plain
 * {@code java} processes. Wall and CPU time (user + sys of the whole process tree, from GNU time), medians.
 * Arguments (after {@code maven}): {@code sizes=10,100,1000}, {@code runs=3}, {@code bigRuns=1} (rounds from 500
 * entities). Writes the block between the
 * {@code bench:maven} markers in BENCHMARKS.md and {@code bench/target/maven-results.md}.
 */
final class MavenBench {
    private static final String BEGIN = "<!-- bench:maven:begin -->";
    private static final String END = "<!-- bench:maven:end -->";
    private static final Pattern STAMP = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) (.*)$");

    /** What one measured process does. */
    enum Op {
        COMPILE("`mvn compile` (classes up to date)"),
        AUTO_EMPTY("`mvn compile migrate:auto`, empty database"),
        HIB_UPDATE_EMPTY("Hibernate update, empty database (`java` process)"),
        AUTO_BEHIND("`mvn compile migrate:auto`, database one column behind"),
        HIB_UPDATE_BEHIND("Hibernate update, database one column behind (`java` process)"),
        AUTO_NOOP("`mvn compile migrate:auto`, nothing changed (fingerprint)"),
        HIB_VALIDATE("Hibernate validate, database up to date (`java` process)");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    /** One measured process: wall, CPU (user + sys) in ms and the largest resident set in MB. */
    record Sample(double wallMs, double cpuMs, double maxRssMb) {
    }

    private final Path root = Path.of("").toAbsolutePath();
    private final Path work = root.resolve("bench/target/work/maven");
    private final int[] sizes;
    private final int runs;
    /** Rounds for models of 500 entities and more (each round there takes minutes). */
    private final int bigRuns;
    private final Path mvn;
    private final String pluginVersion = System.getProperty("bench.pluginVersion", "0.1.0-SNAPSHOT");
    private final Map<Integer, Map<Op, List<Sample>>> data = new TreeMap<>();
    private final StringBuilder out = new StringBuilder();

    private MavenBench(int[] sizes, int runs, int bigRuns) throws Exception {
        this.sizes = sizes;
        this.runs = runs;
        this.bigRuns = bigRuns;
        this.mvn = mavenHome().resolve("bin/mvn");
    }

    static void main(String[] args) throws Exception {
        int[] sizes = {10, 100, 1000};
        int runs = 3;
        int bigRuns = 1;
        for (String a : args) {
            if (a.startsWith("sizes=")) {
                sizes = Arrays.stream(a.substring(6).split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (a.startsWith("runs=")) {
                runs = Integer.parseInt(a.substring(5));
            } else if (a.startsWith("bigRuns=")) {
                bigRuns = Integer.parseInt(a.substring(8));
            }
        }
        new MavenBench(sizes, runs, bigRuns).run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        for (int n : sizes) {
            Path base = project(n, false);
            Path plus = project(n, true);
            log("m%d: compiling the two projects once (not measured)", n);
            maven(base, List.of("compile"), Map.of(), true);
            maven(plus, List.of("compile"), Map.of(), true);
            Path fixtures = hibernateFixtures(n, base, plus);
            Map<Op, List<Sample>> samples = new EnumMap<>(Op.class);
            data.put(n, samples);
            int rounds = n >= 500 ? bigRuns : runs;
            for (int r = 1; r <= rounds; r++) {
                log("m%d: round %d of %d", n, r, rounds);
                // round-robin, so the machine's noise spreads over every operation
                add(samples, Op.COMPILE, maven(base, List.of("compile"), Map.of(), true));
                reset(base, n);
                add(samples, Op.AUTO_EMPTY, maven(base, List.of("compile", "migrate:auto"), Map.of(), true));
                Fixtures.deleteTree(fixtures.resolve("run"));
                Files.createDirectories(fixtures.resolve("run"));
                add(samples, Op.HIB_UPDATE_EMPTY, hibernate("HIB_UPDATE_EMPTY", n, fixtures, fixtures.resolve("run")));
                expectTables(fixtures.resolve("run/app.db"), n);
                behind(base, plus, n);
                add(samples, Op.AUTO_BEHIND, maven(plus, List.of("compile", "migrate:auto"), Map.of(), true));
                add(samples, Op.AUTO_NOOP, maven(plus, List.of("compile", "migrate:auto"), Map.of(), true));
                Path behind = fixtures.resolve("behind");
                Fixtures.deleteTree(behind);
                Files.createDirectories(behind);
                Files.copy(base.resolve("app.db"), behind.resolve("app.db"));
                add(samples, Op.HIB_UPDATE_BEHIND, hibernate("HIB_UPDATE_BEHIND", n, fixtures, behind));
                Path current = fixtures.resolve("current");
                Fixtures.deleteTree(current);
                Files.createDirectories(current);
                Files.copy(base.resolve("app.db"), current.resolve("app.db"));
                add(samples, Op.HIB_VALIDATE, hibernate("HIB_VALIDATE", n, fixtures, current));
            }
        }
        int largest = sizes[sizes.length - 1];
        out.append("Run ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(", Maven ").append(mvn.getParent().getParent().getFileName()).append(", plugin ")
                .append(pluginVersion).append(", commit ").append(Bench.shell("git rev-parse --short HEAD").trim())
                .append("; ").append(runs).append(" rounds per size (").append(bigRuns)
                .append(" from 500 entities), each operation once per round; medians.\n\n");
        table("CPU time (user + sys of the process tree), ms", Sample::cpuMs);
        table("Wall time, ms", Sample::wallMs);
        ratios();
        timeline(largest);
        heap(largest);
        out.append(String.format(Locale.ROOT, "%n<sub>Section run in %.1f min; load average at its start %.2f, at its end %.2f.</sub>%n",
                (System.nanoTime() - started) / 6e10, loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        write();
    }

    /** A generated Maven project: the bench's model as sources, the plugin with its defaults (SQLite). */
    private Path project(int n, boolean extraColumn) throws IOException {
        Path dir = work.resolve("m" + n + (extraColumn ? "-plus" : "-base"));
        Path sources = dir.resolve("src/main/java");
        if (!Files.exists(dir.resolve("pom.xml"))) {
            for (Map.Entry<String, String> e : ModelGenerator.sources(n, extraColumn).entrySet()) {
                Path file = sources.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
            }
            Files.writeString(dir.resolve("pom.xml"), """
                    <project xmlns="http://maven.apache.org/POM/4.0.0">
                      <modelVersion>4.0.0</modelVersion>
                      <groupId>bm</groupId>
                      <artifactId>app</artifactId>
                      <version>1</version>
                      <properties>
                        <maven.compiler.release>17</maven.compiler.release>
                        <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                      </properties>
                      <dependencies>
                        <dependency>
                          <groupId>jakarta.persistence</groupId>
                          <artifactId>jakarta.persistence-api</artifactId>
                          <version>3.2.0</version>
                        </dependency>
                      </dependencies>
                      <build>
                        <plugins>
                          <plugin>
                            <artifactId>maven-compiler-plugin</artifactId>
                            <version>3.14.1</version>
                          </plugin>
                          <plugin>
                            <groupId>org.automigrate</groupId>
                            <artifactId>migrate-maven-plugin</artifactId>
                            <version>%s</version>
                          </plugin>
                        </plugins>
                      </build>
                    </project>
                    """.formatted(pluginVersion));
        }
        return dir;
    }

    /**
     * Hibernate's processes read the classes Maven compiled, copied into the layout {@link Fixtures.ModelDirs}
     * expects (copied, not linked: {@code Files.walk} does not enter a linked directory, and Hibernate would then
     * run on no entities at all).
     */
    private Path hibernateFixtures(int n, Path base, Path plus) throws IOException {
        Path dir = work.resolve("m" + n + "-hibernate");
        Fixtures.deleteTree(dir);
        Fixtures.copyTree(base.resolve("target/classes"), dir.resolve("base-classes"));
        Fixtures.copyTree(plus.resolve("target/classes"), dir.resolve("plus-classes"));
        return dir;
    }

    /** Fails when a database holds fewer than {@code n} tables: a Hibernate run that saw no entities is no measurement. */
    private static void expectTables(Path db, int n) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("select count(*) from sqlite_master where type = 'table'")) {
            rs.next();
            if (rs.getInt(1) < n) {
                throw new IllegalStateException(db + " holds " + rs.getInt(1) + " tables, expected " + n + " or more");
            }
        }
    }

    /** Leaves the project with its compiled classes and no database, changelog or state of ours. */
    private static void reset(Path project, int n) throws IOException {
        try (Stream<Path> files = Files.list(project)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("app.db") || name.equals("backups")) {
                    Fixtures.deleteTree(f);
                }
            }
        }
        Fixtures.deleteTree(project.resolve("src/main/resources/db"));
        Fixtures.deleteTree(project.resolve("target/automigrate"));
        Fixtures.deleteTree(project.resolve("target/migrate"));
    }

    /** The plus project gets the base project's database and changelog: the model is one column ahead. */
    private static void behind(Path base, Path plus, int n) throws IOException {
        reset(plus, n);
        Files.copy(base.resolve("app.db"), plus.resolve("app.db"));
        Fixtures.copyTree(base.resolve("src/main/resources/db"), plus.resolve("src/main/resources/db"));
    }

    private Sample maven(Path project, List<String> goals, Map<String, String> env, boolean quiet) throws Exception {
        List<String> command = new ArrayList<>(List.of("-B", "-o"));
        if (quiet) {
            command.add("-q");
        }
        command.addAll(goals);
        return timed(project, mvn.toString(), command, env, null);
    }

    private Sample hibernate(String op, int n, Path fixtures, Path project) throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> e.endsWith("*") ? root.resolve(e.substring(0, e.length() - 1)) + "/*" : root.resolve(e).toString())
                .collect(Collectors.joining(File.pathSeparator));
        return timed(project, javaBin.toString(), List.of("-Xss64m", "-cp", classpath,
                Once.class.getName(), op, String.valueOf(n), fixtures.toString(), project.toString()), Map.of(), null);
    }

    /** Runs a command under GNU time; fails loudly when it fails. {@code output}, when given, receives its output. */
    private Sample timed(Path dir, String program, List<String> args, Map<String, String> env, StringBuilder output)
            throws Exception {
        Path timeFile = work.resolve("time.txt");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", timeFile.toString(),
                program));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (output != null) {
            output.append(text);
        }
        if (exit != 0 || text.contains("FAILED")) {
            throw new IllegalStateException(String.join(" ", args) + " in " + dir + " failed (" + exit + "):\n" + text);
        }
        String[] t = Files.readAllLines(timeFile).get(0).trim().split(" ");
        return new Sample(Double.parseDouble(t[0]) * 1000, (Double.parseDouble(t[1]) + Double.parseDouble(t[2])) * 1000,
                Double.parseDouble(t[3]) / 1024);
    }

    private static void add(Map<Op, List<Sample>> samples, Op op, Sample s) {
        samples.computeIfAbsent(op, k -> new ArrayList<>()).add(s);
    }

    private double median(int n, Op op, java.util.function.ToDoubleFunction<Sample> f) {
        double[] v = data.get(n).get(op).stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void table(String title, java.util.function.ToDoubleFunction<Sample> f) {
        out.append("**").append(title).append("**\n\n| operation |");
        data.keySet().forEach(n -> out.append(' ').append(n).append(" entities |"));
        out.append("\n|---|").append("---:|".repeat(data.size())).append('\n');
        for (Op op : Op.values()) {
            out.append("| ").append(op.label).append(" |");
            data.keySet().forEach(n -> out.append(' ').append(fmt(median(n, op, f))).append(" |"));
            out.append('\n');
            if (op == Op.AUTO_EMPTY || op == Op.AUTO_BEHIND || op == Op.AUTO_NOOP) {
                out.append("| ↳ net of `mvn compile` |");
                data.keySet().forEach(n -> out.append(' ').append(fmt(median(n, op, f) - median(n, Op.COMPILE, f))).append(" |"));
                out.append('\n');
            }
        }
        out.append('\n');
    }

    private void ratios() {
        out.append("**Ratios, CPU time, the plugin's part (net of `mvn compile`) against Hibernate's process**\n\n| ratio | target |");
        data.keySet().forEach(n -> out.append(' ').append(n).append(" |"));
        out.append("\n|---|---|").append("---:|".repeat(data.size())).append('\n');
        ratio("`auto` empty / Hibernate update empty", "≤ 1.0×", Op.AUTO_EMPTY, Op.HIB_UPDATE_EMPTY, 1.0);
        ratio("`auto` one behind / Hibernate update one behind", "≤ 1.0×", Op.AUTO_BEHIND, Op.HIB_UPDATE_BEHIND, 1.0);
        ratio("no-op `auto` / Hibernate validate", "< 0.10×", Op.AUTO_NOOP, Op.HIB_VALIDATE, 0.1);
        out.append('\n');
    }

    private void ratio(String label, String target, Op ours, Op theirs, double limit) {
        out.append("| ").append(label).append(" | ").append(target).append(" |");
        for (int n : data.keySet()) {
            double r = (median(n, ours, Sample::cpuMs) - median(n, Op.COMPILE, Sample::cpuMs))
                    / median(n, theirs, Sample::cpuMs);
            out.append(String.format(Locale.ROOT, " %.2f× %s |", r, r <= limit ? "met" : "**missed**"));
        }
        out.append('\n');
    }

    /** One Maven call with every log line time-stamped, relative to the moment the process was started. */
    private void timeline(int n) throws Exception {
        Path base = work.resolve("m" + n + "-base");
        reset(base, n);
        StringBuilder output = new StringBuilder();
        LocalTime start = LocalTime.now();
        Sample s = timed(base, mvn.toString(), List.of("-B", "-o", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS", "compile", "migrate:auto"), Map.of(), output);
        out.append("**Timeline of one call, `mvn compile migrate:auto` on an empty database, ").append(n)
                .append(" entities** (ms since the process started; wall ").append(fmt(s.wallMs())).append(" ms, CPU ")
                .append(fmt(s.cpuMs())).append(" ms; Maven's own lines time-stamped, our step lines as printed)\n\n```\n");
        out.append("+     0 ms  process started (JVM start, Maven boot)\n");
        for (String line : output.toString().split("\n")) {
            Matcher m = STAMP.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String text = m.group(2).replaceFirst("^\\[INFO\\] ", "");
            boolean keep = text.startsWith("Scanning") || text.startsWith("--- ") || text.startsWith("Building ")
                    || text.startsWith("BUILD") || text.startsWith("Total time") || text.matches("^[A-Z][a-z]+.*\\(\\d[\\d,.]* (ms|s)\\).*")
                    || text.startsWith("Discovered") || text.startsWith("Database") || text.startsWith("Changelog")
                    || text.startsWith("Applied") || text.startsWith("Verified") || text.startsWith("Recorded")
                    || text.startsWith("Nothing to compile") || text.startsWith("Compiling");
            if (keep) {
                long ms = java.time.Duration.between(start, LocalTime.parse(m.group(1))).toMillis();
                out.append(String.format(Locale.ROOT, "+%6d ms  %s%n", ms, text.length() > 150 ? text.substring(0, 150) + "…" : text));
            }
        }
        out.append(String.format(Locale.ROOT, "+%6d ms  process ended%n```%n%n", (long) s.wallMs()));
    }

    /** The whole Maven process (Maven, the compiler and the plugin) in a limited heap. */
    private void heap(int n) throws Exception {
        Path base = work.resolve("m" + n + "-base");
        out.append("**Heap, `mvn compile migrate:auto` on an empty database, ").append(n)
                .append(" entities, the whole Maven process limited with `MAVEN_OPTS=-Xmx…`**\n\n")
                .append("| heap | result | wall ms | largest resident set |\n|---|---|---:|---:|\n");
        for (String xmx : List.of("256m", "128m")) {
            reset(base, n);
            String result;
            Sample s = null;
            try {
                s = maven(base, List.of("compile", "migrate:auto"), Map.of("MAVEN_OPTS", "-Xmx" + xmx), true);
                result = "ok";
            } catch (IllegalStateException e) {
                result = e.getMessage().contains("OutOfMemoryError") ? "OutOfMemoryError" : "failed";
            }
            out.append("| `-Xmx").append(xmx).append("` | ").append(result).append(" | ")
                    .append(s == null ? "" : fmt(s.wallMs())).append(" | ")
                    .append(s == null ? "" : fmt(s.maxRssMb()) + " MB").append(" |\n");
        }
    }

    private void write() throws IOException {
        String block = out.toString();
        Files.writeString(root.resolve("bench/target/maven-results.md"), block);
        Path doc = root.resolve("BENCHMARKS.md");
        String text = Files.readString(doc);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalStateException("BENCHMARKS.md lacks the " + BEGIN + " … " + END + " markers");
        }
        Files.writeString(doc, text.substring(0, b + BEGIN.length()) + "\n" + block + text.substring(e));
        log("wrote BENCHMARKS.md (Maven section) and bench/target/maven-results.md");
    }

    private Path mavenHome() throws Exception {
        String version = Bench.shell(root.resolve("mvnw") + " -v");
        Matcher m = Pattern.compile("Maven home: (.+)").matcher(version);
        if (!m.find()) {
            throw new IllegalStateException("./mvnw -v did not name the Maven home:\n" + version);
        }
        return Path.of(m.group(1).trim());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static void log(String format, Object... args) {
        System.out.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " maven bench: "
                + String.format(Locale.ROOT, format, args));
    }
}
