package org.automigrate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.automigrate.engine.AutoResult;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.RunStatus;

/**
 * The whole benchmark suite in one run: generated models (engine auto / diff / no-op against Hibernate's
 * update and validate, warm and cold), backup against cp, a table rebuild against hand-written SQL, and
 * peak heap. Writes the results between the markers of BENCHMARKS.md (working directory: the repository
 * root) and to bench/target/results.md. Arguments: {@code full} (default) or {@code quick} (small sizes,
 * for trying the harness), optionally {@code only=models,cold,heap,backup,rebuild}; {@code servers} runs
 * {@link ServerBench} instead, {@code maven} {@link MavenBench}, {@code fleet} {@link FleetBench}.
 */
public final class Bench {
    static final String BEGIN = "<!-- bench:results:begin -->";
    static final String END = "<!-- bench:results:end -->";

    private final boolean quick;
    private final Set<String> sections;
    private final Path work = Path.of("bench/target/work").toAbsolutePath();
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder targets = new StringBuilder();
    private final StringBuilder profiles = new StringBuilder();
    private final int[] sizes;
    /** warm medians, ms: op to size to median. */
    private final Map<ModelOp, Map<Integer, Double>> warm = new EnumMap<>(ModelOp.class);
    private final Map<ModelOp, Map<Integer, Double>> coldWall = new EnumMap<>(ModelOp.class);
    private final Map<ModelOp, Map<Integer, Double>> coldInside = new EnumMap<>(ModelOp.class);
    private final long suiteStart = System.nanoTime();

    private final boolean keep;

    private Bench(boolean quick, Set<String> sections, int[] sizes, boolean keep) {
        this.quick = quick;
        this.sections = sections;
        this.keep = keep;
        if (quick) {
            sectionDir = Path.of("bench/target/sections-quick");
        }
        this.sizes = sizes != null ? sizes : quick ? new int[] {10, 50} : new int[] {10, 100, 500, 1000};
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("servers")) {
            ServerBench.main(args); // PostgreSQL and MariaDB: a suite of its own
            return;
        }
        if (Arrays.asList(args).contains("fleet")) {
            FleetBench.main(args); // many PostgreSQL tenant schemas in one run against separate calls
            return;
        }
        if (Arrays.asList(args).contains("maven")) {
            MavenBench.main(args); // the goals as users run them: real mvn processes
            return;
        }
        Logger.getLogger("").setLevel(Level.SEVERE);
        boolean quick = Arrays.asList(args).contains("quick");
        Set<String> sections = new LinkedHashSet<>(List.of("models", "cold", "heap", "backup", "rebuild"));
        for (String a : args) {
            if (a.startsWith("only=")) {
                sections = new LinkedHashSet<>(Arrays.asList(a.substring(5).split(",")));
            }
        }
        int[] sizes = null;
        boolean keep = false;
        for (String a : args) {
            if (a.startsWith("sizes=")) {
                sizes = Arrays.stream(a.substring(6).split(",")).mapToInt(Integer::parseInt).toArray();
                keep = true; // measured sizes are merged with the medians of the sizes run before
            }
        }
        new Bench(quick, sections, sizes, keep).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        if (sections.size() == 5 && !keep) {
            Fixtures.deleteTree(sectionDir);
        }
        machine();
        section("0-machine");
        String[][] order = {{"backup", "3-backup"}, {"rebuild", "4-rebuild"}, {"heap", "5-heap"},
                {"models", "1-models"}, {"cold", "2-cold"}};
        for (String[] s : order) {
            if (!sections.contains(s[0])) {
                continue;
            }
            long t = System.nanoTime();
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            switch (s[0]) {
                case "models" -> models();
                case "cold" -> cold();
                case "heap" -> heap();
                case "backup" -> backup();
                default -> rebuild();
            }
            out.append(String.format(Locale.ROOT, "%n<sub>Section run in %.1f min; load average at its start %s, "
                            + "at its end %s.</sub>%n", (System.nanoTime() - t) / 6e10, load,
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
            if (!s[0].equals("models")) {
                section(s[1]);
                write();
            } else {
                out.setLength(0);
            }
        }
        log("whole run %.1f min", (System.nanoTime() - suiteStart) / 6e10);
    }

    private Path sectionDir = Path.of("bench/target/sections");

    /** Saves what the section wrote (table, targets, timelines), so sections run apart add up to one table. */
    private void section(String name) throws IOException {
        Files.createDirectories(sectionDir);
        Files.writeString(sectionDir.resolve(name + ".md"), out.toString());
        Files.writeString(sectionDir.resolve(name + ".targets"), targets.toString());
        Files.writeString(sectionDir.resolve(name + ".profiles"), profiles.toString());
        out.setLength(0);
        targets.setLength(0);
        profiles.setLength(0);
    }

    private String collect(String suffix) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(sectionDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

    // ---------------------------------------------------------------- machine

    private void machine() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> String.format(Locale.ROOT, "%.1f GiB",
                        Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("?");
        String engineRev = shell("git rev-parse --short HEAD").strip();
        String dirty = shell("git status --porcelain migrate-engine | wc -l").strip();
        out.append("Run ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(quick ? " (**quick mode: small sizes, not the benchmark**)" : "").append(".\n\n");
        out.append("| machine | |\n|---|---|\n");
        out.append("| `nproc` | ").append(Runtime.getRuntime().availableProcessors()).append(" (").append(cpu).append(") |\n");
        out.append("| memory | ").append(mem).append(" |\n");
        out.append("| Java | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", default GC and heap (max ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MB) |\n");
        out.append("| disk | `").append(shell("df -hT " + work + " | tail -1 | awk '{print $1\" \"$2\" \"$3}'").strip())
                .append("` |\n");
        out.append("| engine | commit ").append(engineRev).append(", ").append(dirty)
                .append(" uncommitted paths under migrate-engine/ |\n");
        out.append("| SQLite | ").append(sqliteVersion()).append(" (sqlite-jdbc) |\n\n");
    }

    private static String sqliteVersion() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             ResultSet rs = c.createStatement().executeQuery("select sqlite_version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    // ---------------------------------------------------------------- models, warm

    private Fixtures.ModelDirs prepareModel(int n) throws Exception {
        Fixtures.ModelDirs dirs = new Fixtures.ModelDirs(n, work.resolve("m" + n));
        if (Files.exists(dirs.current().resolve("ok"))) {
            return dirs; // fixtures of an earlier run in the same target directory
        }
        Fixtures.deleteTree(dirs.root());
        long t = System.nanoTime();
        Compiler.compile(ModelGenerator.sources(n, false), dirs.base());
        Compiler.compile(ModelGenerator.sources(n, true), dirs.plus());
        log("model %d: generated and compiled twice in %d ms", n, (System.nanoTime() - t) / 1_000_000);
        Files.createDirectories(dirs.current());
        AutoResult created = Fixtures.engine(dirs.current(), dirs.base(), EngineListener.SILENT).auto();
        if (created.status() != RunStatus.APPLIED) {
            throw new IllegalStateException("auto did not create the fixture: " + created.status());
        }
        HibernateAction.run("validate", dirs.base(), Fixtures.db(dirs.current())); // Hibernate accepts it
        Files.writeString(dirs.current().resolve("ok"), "");
        return dirs;
    }

    private int warmReps(int n) {
        return n <= 100 ? 5 : n <= 500 ? 2 : 1;
    }

    /** The JVM is warm from the smaller models by the time the big ones run. */
    private int warmups(int n) {
        return n <= 10 ? 2 : n <= 100 ? 1 : 0;
    }

    private Path warmFile() {
        return sectionDir.resolve("warm.tsv");
    }

    private void loadWarm() throws IOException {
        if (keep && Files.exists(warmFile())) {
            for (String line : Files.readAllLines(warmFile())) {
                String[] f = line.split("\t");
                warm.computeIfAbsent(ModelOp.valueOf(f[0]), k -> new TreeMap<>()).put(Integer.parseInt(f[1]),
                        Double.parseDouble(f[2]));
                if (f.length > 3) {
                    reps.put(Integer.parseInt(f[1]), f[3]);
                }
            }
        }
    }

    private final Map<Integer, String> reps = new TreeMap<>();
    private final Map<ModelOp, Map<Integer, String>> timelines = new EnumMap<>(ModelOp.class);

    private void models() throws Exception {
        loadWarm();
        for (int n : sizes) {
            long sectionStart = System.nanoTime();
            Fixtures.ModelDirs dirs = prepareModel(n);
            int reps = warmReps(n);
            Map<ModelOp, List<Double>> times = new EnumMap<>(ModelOp.class);
            for (int round = -warmups(n); round < reps; round++) {
                for (ModelOp op : ModelOp.values()) {
                    Path project = op.prepare(dirs);
                    Fixtures.Timeline timeline = new Fixtures.Timeline();
                    long t = System.nanoTime();
                    op.execute(dirs, project, timeline);
                    double ms = (System.nanoTime() - t) / 1e6;
                            if (round >= 0) {
                        times.computeIfAbsent(op, k -> new ArrayList<>()).add(ms);
                        if (op.engine()) {
                            timelines.computeIfAbsent(op, k -> new TreeMap<>()).put(n, String.join("\n", timeline.lines));
                        }
                    }
                }
                System.gc();
            }
            times.forEach((op, list) -> warm.computeIfAbsent(op, k -> new TreeMap<>()).put(n, median(list)));
            this.reps.put(n, warmups(n) + " warm-up + " + reps + " measured");
            StringBuilder tsv = new StringBuilder();
            warm.forEach((op, m) -> m.forEach((size, v) -> tsv.append(op).append('\t').append(size).append('\t')
                    .append(v).append('\t').append(this.reps.getOrDefault(size, "")).append('\n')));
            Files.createDirectories(warmFile().getParent());
            Files.writeString(warmFile(), tsv);
            log("model %d: warm %s in %d s", n, times, (System.nanoTime() - sectionStart) / 1_000_000_000);
            modelsReport();
            section("1-models");
            write();
        }
    }

    private void modelsReport() throws Exception {
        Map<Integer, Integer> tables = new TreeMap<>();
        for (int n : warm.getOrDefault(ModelOp.ENGINE_NOOP, Map.of()).keySet()) {
            tables.put(n, tableCount(Fixtures.db(work.resolve("m" + n).resolve("current"))));
        }
        out.append("### 1–2. Generated models, warm (one JVM, after warm-up; median ms)\n\n");
        out.append("Model per entity: 8 basic columns (one unique), 1–2 `@ManyToOne` to earlier entities, 2 `@Index`es; "
                + "every 3rd entity an `@Embedded` value (n/20 embeddable types), every 7th a two-column unique "
                + "constraint. Tables in the database: ");
        tables.forEach((n, t) -> out.append(n).append(" entities → ").append(t).append(" tables; "));
        out.append("\nRepetitions: ");
        reps.forEach((n, r) -> out.append(n).append(": ").append(r).append("; "));
        out.append("\n\n");
        modelTable(warm, true);
        out.append("\n");
        ratioTable(warm, "warm");
        modelTargets(false);
        StringBuilder p = profiles;
        for (ModelOp op : timelines.keySet()) {
            for (Map.Entry<Integer, String> e : timelines.get(op).entrySet()) {
                if (e.getKey() >= 500 || quick) {
                    p.append("**").append(op.label).append(", ").append(e.getKey()).append(" entities**\n\n```\n")
                            .append(e.getValue()).append("\n```\n\n");
                }
            }
        }
    }

    private void modelTable(Map<ModelOp, Map<Integer, Double>> data, boolean scaling) {
        Set<Integer> ns = new java.util.TreeSet<>();
        data.values().forEach(m -> ns.addAll(m.keySet()));
        out.append("| operation |");
        ns.forEach(n -> out.append(' ').append(n).append(" entities |"));
        boolean showScale = scaling && ns.contains(100) && ns.contains(1000);
        if (showScale) {
            out.append(" 1,000 / 100 |");
        }
        out.append("\n|---|");
        ns.forEach(n -> out.append("---:|"));
        out.append(showScale ? "---:|\n" : "\n");
        for (ModelOp op : ModelOp.values()) {
            Map<Integer, Double> row = data.get(op);
            if (row == null) {
                continue;
            }
            out.append("| ").append(op.label).append(" |");
            ns.forEach(n -> out.append(' ').append(row.containsKey(n) ? ms(row.get(n)) : "–").append(" |"));
            if (showScale) {
                out.append(' ').append(row.containsKey(1000) && row.containsKey(100)
                        ? ratio(row.get(1000) / row.get(100)) : "–").append(" |");
            }
            out.append('\n');
        }
    }

    private void ratioTable(Map<ModelOp, Map<Integer, Double>> data, String what) {
        Set<Integer> ns = new java.util.TreeSet<>(data.getOrDefault(ModelOp.ENGINE_AUTO_EMPTY, Map.of()).keySet());
        out.append("| ratio (" + what + ") |");
        ns.forEach(n -> out.append(' ').append(n).append(" |"));
        out.append("\n|---|");
        ns.forEach(n -> out.append("---:|"));
        out.append('\n');
        ratioRow(data, ns, "auto empty / Hibernate update empty", ModelOp.ENGINE_AUTO_EMPTY, ModelOp.HIB_UPDATE_EMPTY);
        ratioRow(data, ns, "diff behind / Hibernate update behind", ModelOp.ENGINE_DIFF_BEHIND, ModelOp.HIB_UPDATE_BEHIND);
        ratioRow(data, ns, "diff behind / Hibernate validate", ModelOp.ENGINE_DIFF_BEHIND, ModelOp.HIB_VALIDATE);
        ratioRow(data, ns, "auto empty / Hibernate validate", ModelOp.ENGINE_AUTO_EMPTY, ModelOp.HIB_VALIDATE);
        ratioRow(data, ns, "no-op auto / Hibernate validate", ModelOp.ENGINE_NOOP, ModelOp.HIB_VALIDATE);
    }

    private void ratioRow(Map<ModelOp, Map<Integer, Double>> data, Set<Integer> ns, String label, ModelOp a, ModelOp b) {
        out.append("| ").append(label).append(" |");
        for (int n : ns) {
            Double x = data.getOrDefault(a, Map.of()).get(n);
            Double y = data.getOrDefault(b, Map.of()).get(n);
            out.append(' ').append(x == null || y == null ? "–" : ratio(x / y)).append(" |");
        }
        out.append('\n');
    }

    private void modelTargets(boolean coldPhase) {
        Map<ModelOp, Map<Integer, Double>> d = coldPhase ? Map.of() : warm;
        Double noop = get(d, ModelOp.ENGINE_NOOP, 500);
        Double validate = get(d, ModelOp.HIB_VALIDATE, 500);
        if (noop != null && validate != null) {
            target("no-op `auto`, 500 entities, < 10% of Hibernate validate (warm)", ratio(noop / validate)
                    + " (" + ms(noop) + " vs " + ms(validate) + " ms)", noop / validate < 0.10);
        }
        Double cnoop = get(coldWall, ModelOp.ENGINE_NOOP, 500);
        Double cval = get(coldWall, ModelOp.HIB_VALIDATE, 500);
        if (cnoop != null && cval != null) {
            target("no-op `auto`, 500 entities, < 10% of Hibernate validate (cold, whole JVM)", ratio(cnoop / cval)
                    + " (" + ms(cnoop) + " vs " + ms(cval) + " ms)", cnoop / cval < 0.10);
        }
        for (int n : sizes) {
            Double a = get(d, ModelOp.ENGINE_AUTO_EMPTY, n);
            Double u = get(d, ModelOp.HIB_UPDATE_EMPTY, n);
            Double df = get(d, ModelOp.ENGINE_DIFF_BEHIND, n);
            Double ub = get(d, ModelOp.HIB_UPDATE_BEHIND, n);
            if (a != null && u != null && df != null && ub != null) {
                target("`auto` empty and `diff` behind no slower than SchemaUpdate, " + n + " entities (warm)",
                        "auto " + ratio(a / u) + ", diff " + ratio(df / ub), a <= u && df <= ub);
            }
        }
        for (int n : new int[] {100, 500}) {
            Double a = get(coldWall, ModelOp.ENGINE_AUTO_EMPTY, n);
            Double u = get(coldWall, ModelOp.HIB_UPDATE_EMPTY, n);
            Double df = get(coldWall, ModelOp.ENGINE_DIFF_BEHIND, n);
            Double ub = get(coldWall, ModelOp.HIB_UPDATE_BEHIND, n);
            if (a != null && u != null && df != null && ub != null) {
                target("`auto` empty and `diff` behind no slower than SchemaUpdate, " + n + " entities (cold)",
                        "auto " + ratio(a / u) + ", diff " + ratio(df / ub), a <= u && df <= ub);
            }
        }
        for (ModelOp op : ModelOp.values()) {
            if (!op.engine()) {
                continue;
            }
            Double big = get(d, op, 1000);
            Double small = get(d, op, 100);
            if (big != null && small != null) {
                target(op.label + ": 1,000 entities ≤ 12× 100 entities (warm)", ratio(big / small), big / small <= 12);
            }
        }
    }

    private static Double get(Map<ModelOp, Map<Integer, Double>> d, ModelOp op, int n) {
        return d.getOrDefault(op, Map.of()).get(n);
    }

    private void target(String what, String measured, boolean met) {
        targets.append("| ").append(what).append(" | ").append(measured).append(" | ")
                .append(met ? "**met**" : "**missed**").append(" |\n");
    }

    private static int tableCount(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from sqlite_master where type = 'table' and name like 'e%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    // ---------------------------------------------------------------- models, cold

    private void cold() throws Exception {
        int[] coldSizes = quick ? new int[] {50} : new int[] {100, 500};
        for (int n : coldSizes) {
            int reps = n >= 500 ? 1 : 3;
            long sectionStart = System.nanoTime();
            Fixtures.ModelDirs dirs = prepareModel(n);
            Map<ModelOp, List<Double>> wall = new EnumMap<>(ModelOp.class);
            Map<ModelOp, List<Double>> inside = new EnumMap<>(ModelOp.class);
            for (int round = 0; round < reps; round++) {
                for (ModelOp op : ModelOp.values()) {
                    Path project = op.prepare(dirs);
                    Child child = child(List.of(), op, dirs, project);
                    wall.computeIfAbsent(op, k -> new ArrayList<>()).add(child.wallMs);
                    inside.computeIfAbsent(op, k -> new ArrayList<>()).add(child.insideMs);
                }
            }
            wall.forEach((op, l) -> coldWall.computeIfAbsent(op, k -> new TreeMap<>()).put(n, median(l)));
            inside.forEach((op, l) -> coldInside.computeIfAbsent(op, k -> new TreeMap<>()).put(n, median(l)));
            log("model %d: cold %s in %d s", n, wall, (System.nanoTime() - sectionStart) / 1_000_000_000);
        }
        out.append("\n### 1–2. Cold (a fresh JVM per run, as one `mvn` call pays; median of 3 runs for 100 entities, "
                + "one run for 500; ms)\n\nWhole process, from `java` started to exit (JVM start, class loading, "
                        + "the operation):\n\n");
        modelTable(coldWall, false);
        out.append("\nThe operation alone, timed inside that fresh JVM:\n\n");
        modelTable(coldInside, false);
        out.append("\n");
        ratioTable(coldWall, "cold, whole process");
        modelTargets(true);
    }

    private record Child(double wallMs, double insideMs, long peakBytes, boolean ok, String output) {
    }

    private Child child(List<String> jvmArgs, ModelOp op, Fixtures.ModelDirs dirs, Path project) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-Xss64m"); // Hibernate's session factory recurses along the 1,000-deep eager @ManyToOne chain
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Once.class.getName(), op.name(),
                String.valueOf(dirs.n()), dirs.root().toString(), project.toString()));
        long t = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        double inside = -1;
        long peak = -1;
        boolean failed = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("TIME ")) {
                    inside = Double.parseDouble(line.substring(5));
                } else if (line.startsWith("PEAK ")) {
                    peak = Long.parseLong(line.substring(5));
                } else if (line.startsWith("FAILED")) {
                    failed = true;
                }
            }
        }
        int exit = process.waitFor();
        double wall = (System.nanoTime() - t) / 1e6;
        boolean ok = exit == 0 && !failed && inside >= 0;
        if (!ok && jvmArgs.stream().noneMatch(a -> a.startsWith("-Xmx"))) {
            throw new IllegalStateException("child run of " + op + " failed:\n" + tail(output.toString()));
        }
        return new Child(wall, inside, peak, ok, output.toString());
    }

    // ---------------------------------------------------------------- peak heap

    private void heap() throws Exception {
        int n = quick ? 50 : 1000;
        Fixtures.ModelDirs dirs = prepareModel(n);
        out.append("\n### 5. Peak heap, ").append(n).append(" entities (child JVM)\n\n")
                .append("Peak = sum of the heap pools' `MemoryPoolMXBean.getPeakUsage()` (an upper bound: pools peak at "
                        + "different moments, and with a large heap the collector lets garbage pile up). The "
                        + "smallest `-Xmx` that passes is the real need.\n\n")
                .append("| run | heap setting | peak heap used | time in JVM | result |\n|---|---|---:|---:|---|\n");
        for (ModelOp op : List.of(ModelOp.ENGINE_AUTO_EMPTY, ModelOp.ENGINE_NOOP)) {
            Child c = child(List.of(), op, dirs, op.prepare(dirs));
            out.append("| ").append(op.label).append(" | default | ").append(c.peakBytes >> 20).append(" MB | ")
                    .append(ms(c.insideMs)).append(" ms | ok |\n");
        }
        int smallestOk = -1;
        for (int mb : new int[] {512, 256, 128, 64}) {
            Child c = child(List.of("-Xmx" + mb + "m"), ModelOp.ENGINE_AUTO_EMPTY, dirs,
                    ModelOp.ENGINE_AUTO_EMPTY.prepare(dirs));
            out.append("| engine `auto`, empty database | `-Xmx").append(mb).append("m` | ")
                    .append(c.peakBytes >> 20).append(" MB | ").append(c.ok ? ms(c.insideMs) + " ms" : "–")
                    .append(" | ").append(c.ok ? "ok" : "fails" + (c.output.contains("OutOfMemoryError")
                            ? " (OutOfMemoryError)" : "")).append(" |\n");
            log("heap -Xmx%dm: %s", mb, c.ok ? "ok " + c.insideMs + " ms" : "fails");
            if (!c.ok) {
                break;
            }
            smallestOk = mb;
        }
        target("peak heap < 512 MB for " + n + " entities (engine `auto`)",
                smallestOk > 0 ? "runs in `-Xmx" + smallestOk + "m`" : "fails in -Xmx512m", smallestOk > 0);
    }

    // ---------------------------------------------------------------- backup

    private void backup() throws Exception {
        long[] sizesMb = quick ? new long[] {20} : new long[] {100, 1024};
        out.append("\n### 3. Backup vs `cp` (median MB/s)\n\n")
                .append("The source file is in the page cache in every run (it was just written and read; the machine "
                        + "has far more memory than the file), so these are page-cache-to-page-cache copies: `cp` "
                        + "returns when the bytes are in the cache, without `fsync`; SQLite's backup commits its "
                        + "destination, which syncs. `cp` + `sync FILE` makes `cp` durable too.\n\n")
                .append("| database | runs | `cp` | `cp` + `sync` | engine `backup()` | backup / `cp` | backup / (`cp`+`sync`) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (long mb : sizesMb) {
            Path dir = work.resolve("big" + mb);
            Path db = dir.resolve("app.db");
            if (!Files.exists(dir.resolve("ok"))) {
                Fixtures.fresh(dir);
                long t = System.nanoTime();
                fillBlobs(db, mb);
                Files.writeString(dir.resolve("ok"), "");
                log("db %d MB generated in %d ms (%d bytes)", mb, (System.nanoTime() - t) / 1_000_000, Files.size(db));
            }
            long bytes = Files.size(db);
            Path backups = dir.resolve("backups");
            Fixtures.fresh(backups);
            shell("cat " + db + " > /dev/null"); // same cache state for every contender
            int reps = mb >= 1024 ? 3 : 5;
            List<Double> cp = new ArrayList<>();
            List<Double> cpSync = new ArrayList<>();
            List<Double> engine = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                Path copy = backups.resolve("copy.db");
                long t = System.nanoTime();
                run("cp", db.toString(), copy.toString());
                cp.add((System.nanoTime() - t) / 1e6);
                Files.delete(copy);
                shell("sync");
                t = System.nanoTime();
                run("sh", "-c", "cp '" + db + "' '" + copy + "' && sync '" + copy + "'");
                cpSync.add((System.nanoTime() - t) / 1e6);
                Files.delete(copy);
                shell("sync");
                org.automigrate.engine.EngineConfig config = org.automigrate.engine.EngineConfig.builder(dir)
                        .url("jdbc:sqlite:" + db).backupDirectory(backups).backupKeep(0).build();
                t = System.nanoTime();
                new org.automigrate.engine.Engine(config, EngineListener.SILENT).backup();
                engine.add((System.nanoTime() - t) / 1e6);
                Fixtures.fresh(backups);
                shell("sync");
            }
            double mbs = bytes / 1048576.0;
            double cpT = mbs / (median(cp) / 1000);
            double cpsT = mbs / (median(cpSync) / 1000);
            double enT = mbs / (median(engine) / 1000);
            out.append(String.format(Locale.ROOT, "| %s (%d bytes) | %d | %.0f MB/s (%s ms) | %.0f MB/s (%s ms) | "
                            + "%.0f MB/s (%s ms) | %s | %s |%n", mb >= 1024 ? mb / 1024 + " GB" : mb + " MB", bytes, reps,
                    cpT, ms(median(cp)), cpsT, ms(median(cpSync)), enT, ms(median(engine)), pct(enT / cpT),
                    pct(enT / cpsT)));
            log("backup %d MB: cp %s, cp+sync %s, engine %s", mb, cp, cpSync, engine);
            if (mb >= 1024 || quick) {
                target("backup ≥ 80% of `cp` throughput (" + (mb >= 1024 ? "1 GB" : mb + " MB") + ")",
                        pct(enT / cpT) + " of `cp`, " + pct(enT / cpsT) + " of `cp`+`sync`", enT / cpT >= 0.8);
            }
        }
    }

    /** A table of random blobs and text up to about {@code mb} MiB, written without journal or sync. */
    private static void fillBlobs(Path db, long mb) throws Exception {
        long rows = mb * 1024 * 1024 / 1150;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("pragma journal_mode = off");
            s.execute("pragma synchronous = off");
            s.execute("create table payload (id integer primary key, kind integer not null, note text, data blob)");
            s.execute("create index ix_payload_kind on payload (kind)");
            s.execute("insert into payload (kind, note, data) with recursive n(x) as (select 1 union all "
                    + "select x + 1 from n where x < " + rows + ") select abs(random()) % 100, "
                    + "hex(randomblob(40)), randomblob(1000) from n");
        }
    }

    // ---------------------------------------------------------------- rebuild

    private static final String ITEM = """
            package rb;

            import java.math.BigDecimal;
            import java.time.LocalDateTime;
            import jakarta.persistence.*;

            @Entity
            @Table(name = "item", indexes = {@Index(name = "ix_item_name", columnList = "name"),
                    @Index(name = "ix_item_status", columnList = "status, createdAt")})
            public class Item {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @Column(nullable = false, length = %d) String name;
                @Column(unique = true, length = 40) String code;
                @Column(precision = 12, scale = 2) BigDecimal amount;
                LocalDateTime createdAt;
                @Column(nullable = false) int status;
                @Column(length = 200) String note;
            }
            """;

    private void rebuild() throws Exception {
        int rows = quick ? 100_000 : 1_000_000;
        Path root = work.resolve("rebuild" + rows);
        Path v1 = root.resolve("v1-classes");
        Path v2 = root.resolve("v2-classes");
        Path base = root.resolve("base");
        if (!Files.exists(root.resolve("ok"))) {
            Fixtures.fresh(root);
            Compiler.compile(Map.of("rb.Item", ITEM.formatted(100)), v1);
            Compiler.compile(Map.of("rb.Item", ITEM.formatted(200)), v2);
            Files.createDirectories(base);
            Fixtures.engine(base, v1, EngineListener.SILENT).auto();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + Fixtures.db(base));
                 Statement s = c.createStatement()) {
                s.execute("insert into item (name, code, amount, createdAt, status, note) with recursive n(x) as "
                        + "(select 1 union all select x + 1 from n where x < " + rows + ") select 'name ' || "
                        + "(abs(random()) % 100000), 'C' || x, (x % 100000) / 100.0, '2025-01-01 10:00:00', x % 5, "
                        + "'note ' || hex(randomblob(16)) from n");
            }
            Files.writeString(root.resolve("ok"), "");
        }
        long size = Files.size(Fixtures.db(base));
        Path run = root.resolve("run");
        // the hand-written rebuild: the table's SQL with the wider column, insert-select, drop, rename, indexes
        String tableSql;
        List<String> indexSql = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + Fixtures.db(base));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select sql from sqlite_master where name = 'item'")) {
                rs.next();
                tableSql = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("select sql from sqlite_master where type = 'index' and tbl_name = 'item' "
                    + "and sql is not null")) {
                while (rs.next()) {
                    indexSql.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("select name from pragma_table_info('item') order by cid")) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        if (!tableSql.contains("varchar(100)")) {
            throw new IllegalStateException("unexpected table SQL: " + tableSql);
        }
        String newTable = tableSql.replaceFirst("(?i)create table \"?item\"?", "create table item_new")
                .replace("varchar(100)", "varchar(200)");
        String cols = String.join(", ", columns);
        List<String> hand = new ArrayList<>(List.of("PRAGMA foreign_keys = OFF", "BEGIN", newTable,
                "INSERT INTO item_new (" + cols + ") SELECT " + cols + " FROM item", "DROP TABLE item",
                "ALTER TABLE item_new RENAME TO item"));
        hand.addAll(indexSql);
        hand.add("COMMIT");
        List<String> handChecked = new ArrayList<>(hand.subList(0, hand.size() - 1));
        handChecked.add("SELECT count(*) FROM pragma_foreign_key_check('item')");
        handChecked.add("SELECT count(*) FROM pragma_integrity_check('item') WHERE integrity_check <> 'ok'");
        handChecked.add("COMMIT");

        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, String> lastTimeline = new LinkedHashMap<>();
        int reps = 3;
        for (int i = 0; i < reps; i++) {
            for (String variant : List.of("hand", "hand+checks", "engine", "engine+backup")) {
                Fixtures.deleteTree(run);
                Fixtures.copyTree(base, run);
                shell("sync");
                long t = System.nanoTime();
                double applyMs = -1;
                if (variant.startsWith("hand")) {
                    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + Fixtures.db(run));
                         Statement s = c.createStatement()) {
                        for (String sql : variant.equals("hand") ? hand : handChecked) {
                            if (sql.startsWith("SELECT")) {
                                try (ResultSet rs = s.executeQuery(sql)) {
                                    rs.next();
                                    if (rs.getLong(1) != 0) {
                                        throw new IllegalStateException("check failed: " + sql);
                                    }
                                }
                            } else {
                                s.execute(sql);
                            }
                        }
                    }
                } else {
                    Fixtures.Timeline timeline = new Fixtures.Timeline();
                    AutoResult r = new org.automigrate.engine.Engine(Fixtures.config(run, v2)
                            .backup(variant.equals("engine+backup")).build(), timeline).auto();
                    if (r.status() != RunStatus.APPLIED || r.changes().stream()
                            .noneMatch(ch -> ch.description().startsWith("rebuild"))) {
                        throw new IllegalStateException("the engine did not rebuild: " + r.changes());
                    }
                    lastTimeline.put(variant, String.join("\n", timeline.lines));
                    applyMs = timeline.lines.stream().filter(l -> l.contains("Applied ")).findFirst()
                            .map(l -> l.replaceAll(".*Applied .* in ([0-9.]+) (m?s).*", "$1 $2"))
                            .map(s -> s.endsWith(" ms") ? Double.parseDouble(s.substring(0, s.length() - 3))
                                    : s.endsWith(" s") ? Double.parseDouble(s.substring(0, s.length() - 2)) * 1000 : -1)
                            .orElse(-1.0);
                }
                double ms = (System.nanoTime() - t) / 1e6;
                times.computeIfAbsent(variant, k -> new ArrayList<>()).add(ms);
                if (applyMs >= 0) {
                    times.computeIfAbsent(variant + ":apply", k -> new ArrayList<>()).add(applyMs);
                }
                verifyRows(Fixtures.db(run), rows);
            }
        }
        log("rebuild: %s", times);
        double hand1 = median(times.get("hand"));
        out.append("\n### 4. Table rebuild, ").append(String.format(Locale.ROOT, "%,d", rows))
                .append("-row table (`item.name` varchar(100) → varchar(200); database ").append(size >> 20)
                .append(" MB; median of ").append(reps).append(" runs, each on a fresh copy)\n\n")
                .append("| variant | ms | / hand SQL |\n|---|---:|---:|\n");
        String[][] labels = {
                {"hand", "hand SQL over JDBC: create new, insert-select, drop, rename, recreate 2 indexes, one transaction"},
                {"hand+checks", "hand SQL + the engine's checks (`foreign_key_check`, `integrity_check` of the table)"},
                {"engine:apply", "engine: the rebuild changeset alone (its `Applied … in` step: Liquibase + the SQL)"},
                {"engine", "engine `auto`, backup off (discover, plan, write changelog, apply, verify, history)"},
                {"engine+backup", "engine `auto` as configured by default (with the backup)"}};
        for (String[] l : labels) {
            List<Double> list = times.get(l[0]);
            if (list == null) {
                continue;
            }
            out.append("| ").append(l[1]).append(" | ").append(ms(median(list))).append(" | ")
                    .append(ratio(median(list) / hand1)).append(" |\n");
        }
        double engineAll = median(times.get("engine"));
        Double engineApply = times.containsKey("engine:apply") ? median(times.get("engine:apply")) : null;
        target("rebuild within 1.3× hand SQL (engine `auto`, backup off)", ratio(engineAll / hand1), engineAll / hand1 <= 1.3);
        if (engineApply != null) {
            target("rebuild within 1.3× hand SQL (the rebuild changeset alone)", ratio(engineApply / hand1),
                    engineApply / hand1 <= 1.3);
        }
        lastTimeline.forEach((variant, lines) -> profiles.append("**rebuild, ").append(variant)
                .append("**\n\n```\n").append(lines).append("\n```\n\n"));
    }

    private static void verifyRows(Path db, int rows) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("select count(*), (select type from pragma_table_info('item') "
                     + "where name = 'name') from item")) {
            rs.next();
            if (rs.getInt(1) != rows || !rs.getString(2).equalsIgnoreCase("varchar(200)")) {
                throw new IllegalStateException("rebuild result wrong: " + rs.getInt(1) + " rows, " + rs.getString(2));
            }
        }
    }

    // ---------------------------------------------------------------- output

    private void write() throws IOException {
        String table = collect(".md") + "\n### Targets\n\n| target | measured | |\n|---|---|---|\n"
                + collect(".targets") + "\n### Engine step timelines (the engine's `step` lines with the time since "
                + "the run started; last measured run)\n\n" + collect(".profiles");
        Path results = Path.of("bench/target/results.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, table);
        Path doc = Path.of("BENCHMARKS.md");
        if (quick) {
            log("quick mode: results in %s only (BENCHMARKS.md left alone)", results.toAbsolutePath());
            return;
        }
        String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            text = text + "\n" + BEGIN + "\n" + END + "\n";
            b = text.indexOf(BEGIN);
            e = text.indexOf(END);
        }
        Files.writeString(doc, text.substring(0, b + BEGIN.length()) + "\n" + table + "\n" + text.substring(e));
        log("results written to %s and %s", doc.toAbsolutePath(), results.toAbsolutePath());
    }

    // ---------------------------------------------------------------- helpers

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String ms(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.1f×" : "%.2f×", r);
    }

    static String pct(double r) {
        return String.format(Locale.ROOT, "%.0f%%", r * 100);
    }

    private void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench %5.0fs] %s%n", (System.nanoTime() - suiteStart) / 1e9,
                String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    static String shell(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return text;
    }
}
