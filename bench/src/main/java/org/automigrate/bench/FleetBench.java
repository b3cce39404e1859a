package org.automigrate.bench;

import java.lang.reflect.Field;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.automigrate.engine.AutoResult;
import org.automigrate.engine.Engine;
import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.fleet.FleetGoal;
import org.automigrate.engine.fleet.FleetResult;
import org.automigrate.engine.fleet.FleetRun;
import org.automigrate.engine.fleet.TargetOutcome;

/**
 * Issue 15's benchmark: many PostgreSQL tenant schemas brought from v1 to v2 of a generated model in one engine
 * run over all of them ({@link FleetRun}, {@code threads} workers), against the same work as separate calls, one
 * schema each: {@code separate} of them as fresh JVMs (what a shell loop of {@code mvn migrate:auto} pays, less
 * Maven's own start) and the same number one after another in this warm JVM (what of that is the engine). The run
 * owns one database ({@code am_bench_fleet_<random>}) with the schemas {@code tenant_001}... for the fleet and
 * {@code cold_01}..., {@code warm_01}... for the separate calls, all brought to v1 with a few rows per table, and
 * drops it at the end. Arguments: {@code fleet} (selects this class from {@link Bench}), {@code tenants=200},
 * {@code tables=20}, {@code threads=4}, {@code separate=20}, {@code rows=3}, {@code backup=true}. Writes
 * bench/target/fleet.md and, for the sizes, the block between the fleet markers of BENCHMARKS.md
 * (working directory: the repository root).
 */
public final class FleetBench {
    static final String BEGIN = "<!-- bench:fleet:begin -->";
    static final String END = "<!-- bench:fleet:end -->";
    private static final ServerBench.Server PG = ServerBench.Server.POSTGRESQL;
    private static final Pattern APPLIED = Pattern.compile("Applied \\d+ changesets? in (\\d+) ms");
    private static final Pattern BACKUP = Pattern.compile("Backup: .*, (\\d+) ms\\)");

    private final long start = System.nanoTime();
    private final Path work = Path.of("bench/target/work/fleet").toAbsolutePath();
    private final int tenants;
    private final int tables;
    private final int threads;
    private final int separate;
    private final int rows;
    private final boolean backup;
    private final String database = "am_bench_fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final StringBuilder md = new StringBuilder();

    private FleetBench(Map<String, String> options) {
        tenants = Integer.parseInt(options.getOrDefault("tenants", "200"));
        tables = Integer.parseInt(options.getOrDefault("tables", "20"));
        threads = Integer.parseInt(options.getOrDefault("threads", "4"));
        separate = Integer.parseInt(options.getOrDefault("separate", "20"));
        rows = Integer.parseInt(options.getOrDefault("rows", "3"));
        backup = Boolean.parseBoolean(options.getOrDefault("backup", "true"));
    }

    /** {@code once <url> <project> <classes> <backup>} runs one separate call in this JVM (a child); else the bench. */
    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        if (args.length > 0 && args[0].equals("once")) {
            once(args);
            return;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                options.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        new FleetBench(options).run();
    }

    // ---------------------------------------------------------------- the run

    private void run() throws Exception {
        waitForServerBench();
        String loadStart = load();
        Path v1 = work.resolve("v1-classes");
        Path v2 = work.resolve("v2-classes");
        Fixtures.deleteTree(work);
        Map<String, String> sources1 = ModelGenerator.sources(tables, false);
        Compiler.compile(sources1, v1);
        Compiler.compile(v2(sources1), v2);
        PG.recreate(database);
        String url = PG.url(database);
        Map<String, Object> facts = new LinkedHashMap<>();
        try {
            // 1. the schemas at v1, a few rows in each table
            List<String> schemas = new ArrayList<>();
            for (int i = 1; i <= tenants; i++) {
                schemas.add(String.format("tenant_%03d", i));
            }
            for (int i = 1; i <= separate; i++) {
                schemas.add(String.format("cold_%02d", i));
                schemas.add(String.format("warm_%02d", i));
            }
            try (Connection c = DriverManager.getConnection(url, PG.user, ""); Statement st = c.createStatement()) {
                for (String s : schemas) {
                    st.addBatch("create schema " + s);
                }
                st.executeBatch();
            }
            Path setup = work.resolve("setup");
            long t = System.nanoTime();
            FleetResult v1Run = new FleetRun(config(setup, v1, url).schemas(List.of("tenant_*", "cold_*", "warm_*"))
                    .threads(threads).backup(false).build(), EngineListener.SILENT).run(FleetGoal.auto());
            if (v1Run.status() != RunStatus.APPLIED || v1Run.succeeded() != schemas.size()) {
                throw new IllegalStateException("v1 set-up: " + v1Run.status() + ", failed " + v1Run.failedTargets());
            }
            log("%d schemas at v1 in %.1f s", schemas.size(), (System.nanoTime() - t) / 1e9);
            fillRows(url, schemas);
            log("%d rows per table in every schema", rows);
            for (String name : List.of("fleet", "cold", "warm")) {
                Fixtures.copyTree(setup, work.resolve(name)); // the v1 changelog each of them starts from
            }

            // 2. the fleet
            String loadFleet = load();
            LockSampler sampler = new LockSampler();
            sampler.start();
            Listener lines = new Listener(); // its clock is the fleet's wall time
            t = lines.start;
            FleetResult fleet = new FleetRun(config(work.resolve("fleet"), v2, url).schemas(List.of("tenant_*"))
                    .threads(threads).backup(backup).build(), lines).run(FleetGoal.auto());
            long fleetNanos = System.nanoTime() - t;
            sampler.stop();
            if (fleet.status() != RunStatus.APPLIED || fleet.succeeded() != tenants) {
                throw new IllegalStateException("fleet: " + fleet.status() + ", failed " + fleet.failedTargets()
                        + "\n" + String.join("\n", lines.lines(0, 200)));
            }
            expectV2(url, "tenant_%");
            log("fleet of %d in %.1f s", tenants, fleetNanos / 1e9);

            // 3. separate calls: fresh JVMs, then this warm JVM
            String loadCold = load();
            List<Call> cold = new ArrayList<>();
            for (int i = 1; i <= separate; i++) {
                cold.add(child(url + "?currentSchema=" + String.format("cold_%02d", i), work.resolve("cold"), v2));
                log("cold call %d: %.0f ms wall, %.0f ms engine", i, cold.get(i - 1).wallMs, cold.get(i - 1).engineMs);
            }
            expectV2(url, "cold\\_%");
            String loadWarm = load();
            List<Call> warm = new ArrayList<>();
            for (int i = 1; i <= separate; i++) {
                warm.add(inProcess(url + "?currentSchema=" + String.format("warm_%02d", i), work.resolve("warm"), v2));
            }
            expectV2(url, "warm\\_%");
            log("warm calls: %s", warm.stream().map(c -> Bench.ms(c.wallMs)).toList());

            facts.put("shadows left in the database", queryLong(url,
                    "select count(*) from pg_namespace where nspname like 'automigrate\\_shadow%'"));
            report(fleet, fleetNanos, lines, sampler, cold, warm, v1Run, new String[] {loadStart, loadFleet, loadCold,
                    loadWarm, load()});
        } finally {
            PG.drop(database);
            facts.put("am_bench_fleet_* databases after the drop", queryLong(PG.url(PG.adminDatabase),
                    "select count(*) from pg_database where datname like 'am\\_bench\\_fleet\\_%'"));
            facts.put("shadow databases on the server", queryLong(PG.url(PG.adminDatabase),
                    "select count(*) from pg_database where datname like 'automigrate\\_shadow%'"));
            log("clean-up: %s", facts);
        }
        md.append("\nClean-up check at the end: ").append(facts).append(".\n");
        write();
        log("done in %.1f min", (System.nanoTime() - start) / 6e10);
    }

    private static EngineConfig.Builder config(Path project, Path classes, String url) {
        return EngineConfig.builder(project).scanRoots(List.of(classes)).classpath(List.of(classes)).url(url)
                .credentials(PG.user, "").backupDirectory(project.resolve("backups"));
    }

    /**
     * v2 of the model: every fourth entity gains a column {@code extra} and an index on it, every tenth a column
     * {@code score}.
     */
    static Map<String, String> v2(Map<String, String> v1) {
        Map<String, String> v2 = new LinkedHashMap<>();
        v1.forEach((name, source) -> {
            Matcher m = Pattern.compile("class E(\\d{4}) ").matcher(source);
            int i = m.find() ? Integer.parseInt(m.group(1)) : 0;
            if (i > 0 && (i % 4 == 0 || i % 10 == 0)) {
                String fields = (i % 4 == 0 ? "    @Column(length = 60) String extra;\n" : "")
                        + (i % 10 == 0 ? "    Integer score;\n" : "");
                int end = source.lastIndexOf('}');
                source = source.substring(0, end) + fields + source.substring(end);
                if (i % 4 == 0) {
                    source = source.replace("indexes = {", "indexes = {@Index(name = \"ix_" + ModelGenerator.table(i)
                            + "_extra\", columnList = \"extra\"), ");
                }
            }
            v2.put(name, source);
        });
        return v2;
    }

    /** {@code rows} rows in every table of every schema, each not-null column filled; foreign keys point to row 1. */
    private void fillRows(String url, List<String> schemas) throws Exception {
        List<String> inserts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, PG.user, ""); Statement st = c.createStatement()) {
            Map<String, List<String[]>> columns = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("select table_name, column_name, data_type from information_schema.columns "
                    + "where table_schema = 'tenant_001' and table_name like 'e%' and is_nullable = 'NO' "
                    + "and is_identity = 'NO' and column_default is null order by table_name, ordinal_position")) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new String[] {rs.getString(2), rs.getString(3)});
                }
            }
            if (columns.size() != tables) {
                throw new IllegalStateException("expected " + tables + " tables in tenant_001, found " + columns.keySet());
            }
            columns.forEach((table, cols) -> {
                List<String> names = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (String[] col : cols) {
                    names.add(col[0]);
                    values.add(switch (col[1]) {
                        case "character varying", "text" -> "'" + table + " row ' || g";
                        case "boolean" -> "true";
                        case "numeric", "real", "double precision" -> "g";
                        case "timestamp without time zone", "timestamp with time zone", "date" -> "now()";
                        default -> col[0].endsWith("_id") ? "1" : "g";
                    });
                }
                inserts.add("insert into %s." + table + " (" + String.join(", ", names) + ") select "
                        + String.join(", ", values) + " from generate_series(1, " + rows + ") g");
            });
            for (String schema : schemas) {
                for (String insert : inserts) {
                    st.addBatch(insert.formatted(schema));
                }
                st.executeBatch();
            }
        }
    }

    /** Every schema matching {@code like} has v2's columns (the fleet and the calls did their work). */
    private void expectV2(String url, String like) throws Exception {
        int columns = tables / 4 + tables / 10;
        long found = queryLong(url, "select count(*) from information_schema.columns where table_schema like '"
                + like + "' and column_name in ('extra', 'score')");
        long schemas = queryLong(url, "select count(*) from pg_namespace where nspname like '" + like + "'");
        if (found != schemas * columns) {
            throw new IllegalStateException(like + ": " + found + " v2 columns in " + schemas + " schemas, expected "
                    + columns + " each");
        }
    }

    private static long queryLong(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PG.user, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- separate calls

    /** One separate call: its wall time, the engine's time inside it, and its step lines. */
    record Call(double wallMs, double engineMs, RunStatus status, List<String> steps) {
        Double applyMs() {
            return match(APPLIED);
        }

        Double backupMs() {
            return match(BACKUP);
        }

        private Double match(Pattern p) {
            for (String s : steps) {
                Matcher m = p.matcher(s);
                if (m.find()) {
                    return Double.valueOf(m.group(1));
                }
            }
            return null;
        }
    }

    /** A fresh JVM running the engine's {@code auto} on one schema, as each {@code mvn migrate:auto} of a loop does. */
    private Call child(String url, Path project, Path classes) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-classpath",
                System.getProperty("java.class.path"), FleetBench.class.getName(), "once", url, project.toString(),
                classes.toString(), String.valueOf(backup));
        long t = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double wall = (System.nanoTime() - t) / 1e6;
        List<String> steps = out.lines().filter(l -> l.startsWith("STEP ")).map(l -> l.substring(5)).toList();
        String time = out.lines().filter(l -> l.startsWith("TIME ")).findFirst().orElse(null);
        if (exit != 0 || time == null) {
            throw new IllegalStateException("separate call on " + url + " failed:\n" + out);
        }
        RunStatus status = RunStatus.valueOf(out.lines().filter(l -> l.startsWith("STATUS ")).findFirst().orElseThrow()
                .substring(7));
        if (status != RunStatus.APPLIED) {
            throw new IllegalStateException("separate call on " + url + ": " + status + "\n" + out);
        }
        return new Call(wall, Double.parseDouble(time.substring(5)), status, steps);
    }

    /** The child's side of {@link #child}: prints {@code STEP}, {@code STATUS} and {@code TIME} lines. */
    private static void once(String[] args) {
        long t = System.nanoTime();
        Listener lines = new Listener();
        AutoResult r = new Engine(config(Path.of(args[2]), Path.of(args[3]), args[1])
                .backup(Boolean.parseBoolean(args[4])).build(), lines).auto();
        double ms = (System.nanoTime() - t) / 1e6;
        lines.lines(0, Integer.MAX_VALUE).forEach(l -> System.out.println("STEP " + l));
        System.out.println("STATUS " + r.status());
        System.out.println("TIME " + ms);
        System.out.flush();
        System.exit(0);
    }

    private Call inProcess(String url, Path project, Path classes) {
        Listener lines = new Listener();
        long t = System.nanoTime();
        AutoResult r = new Engine(config(project, classes, url).backup(backup).build(), lines).auto();
        double ms = (System.nanoTime() - t) / 1e6;
        if (r.status() != RunStatus.APPLIED) {
            throw new IllegalStateException("warm call on " + url + ": " + r.status());
        }
        return new Call(ms, ms, r.status(), lines.lines(0, Integer.MAX_VALUE));
    }

    // ---------------------------------------------------------------- measuring the fleet

    /** Step lines with their time since the listener was made; several threads may call it. */
    static final class Listener implements EngineListener {
        private final long start = System.nanoTime();
        private final List<long[]> times = new ArrayList<>();
        private final List<String> messages = new ArrayList<>();

        @Override
        public synchronized void step(String message) {
            times.add(new long[] {System.nanoTime() - start});
            messages.add(message);
        }

        @Override
        public void progress(String message) {
        }

        @Override
        public synchronized void warn(String message) {
            step("WARNING " + message);
        }

        /** Lines {@code from} to {@code to} (exclusive) as {@code +ms message}. */
        synchronized List<String> lines(int from, int to) {
            List<String> out = new ArrayList<>();
            for (int i = from; i < Math.min(to, messages.size()); i++) {
                out.add(String.format(Locale.ROOT, "+%6d ms  %s", times.get(i)[0] / 1_000_000, messages.get(i)));
            }
            return out;
        }

        synchronized int size() {
            return messages.size();
        }

        synchronized long millis(int i) {
            return times.get(i)[0] / 1_000_000;
        }

        synchronized String message(int i) {
            return messages.get(i);
        }
    }

    /**
     * Samples, every millisecond, whether the engine's one-Liquibase-command-at-a-time lock
     * ({@code ChangelogApplier.COMMANDS}, read by reflection) is held and how many threads wait for it: the share
     * of the fleet's time that is serial.
     */
    static final class LockSampler {
        private final ReentrantLock lock;
        private final long start = System.nanoTime();
        private final List<long[]> samples = new ArrayList<>(); // nanos since start, held (0/1), waiting
        private volatile boolean running = true;
        private Thread thread;

        LockSampler() throws Exception {
            Field f = Class.forName("org.automigrate.engine.apply.ChangelogApplier").getDeclaredField("COMMANDS");
            f.setAccessible(true);
            lock = (ReentrantLock) f.get(null);
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    long[] s = {System.nanoTime() - start, lock.isLocked() ? 1 : 0, lock.getQueueLength()};
                    synchronized (samples) {
                        samples.add(s);
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fleet-lock-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        /** Held share, mean waiting threads and samples between {@code fromMs} and {@code toMs} since start. */
        double[] between(long fromMs, long toMs) {
            long held = 0;
            long waiting = 0;
            long n = 0;
            synchronized (samples) {
                for (long[] s : samples) {
                    long ms = s[0] / 1_000_000;
                    if (ms >= fromMs && ms < toMs) {
                        n++;
                        held += s[1];
                        waiting += s[2];
                    }
                }
            }
            return new double[] {n == 0 ? 0 : (double) held / n, n == 0 ? 0 : (double) waiting / n, n};
        }
    }

    // ---------------------------------------------------------------- report

    private void report(FleetResult fleet, long fleetNanos, Listener lines, LockSampler sampler, List<Call> cold,
                        List<Call> warm, FleetResult v1Run, String[] loads) throws Exception {
        double fleetMs = fleetNanos / 1e6;
        // the fleet's phases, from its lines: the first tenant generates, the others apply in parallel
        String first = fleet.generatedOn();
        TargetOutcome firstOutcome = fleet.targets().stream().filter(o -> o.target().equals(first)).findFirst()
                .orElseThrow();
        long firstEnd = -1;
        long lastTargetLine = -1;
        int summaryFrom = -1;
        List<Double> fleetApply = new ArrayList<>();
        List<Double> fleetBackup = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String m = lines.message(i);
            if (m.startsWith("[" + first + "] ")) {
                firstEnd = lines.millis(i);
            } else if (m.startsWith("[")) {
                lastTargetLine = lines.millis(i);
                Matcher a = APPLIED.matcher(m);
                if (a.find()) {
                    fleetApply.add(Double.valueOf(a.group(1)));
                }
                Matcher b = BACKUP.matcher(m);
                if (b.find()) {
                    fleetBackup.add(Double.valueOf(b.group(1)));
                }
            } else if (lastTargetLine >= 0 && summaryFrom < 0) {
                summaryFrom = i;
            }
        }
        long firstStart = firstEnd - firstOutcome.elapsed().toMillis();
        long summaryStart = summaryFrom >= 0 ? lines.millis(summaryFrom) : lastTargetLine;
        long offset = (lines.start - sampler.start) / 1_000_000; // the sampler's clock started first
        double[] parallelLock = sampler.between(offset + firstEnd, offset + lastTargetLine);
        double[] wholeLock = sampler.between(offset, offset + (long) fleetMs);
        List<Double> elapsed = fleet.targets().stream().filter(o -> !o.target().equals(first))
                .map(o -> (double) o.elapsed().toMillis()).toList();

        double coldMean = cold.stream().mapToDouble(Call::wallMs).average().orElseThrow();
        double coldRest = Bench.median(cold.subList(1, cold.size()).stream().map(Call::wallMs).toList());
        double coldTotal = cold.stream().mapToDouble(Call::wallMs).sum();
        double cold200 = coldMean * tenants;
        double warmMean = warm.stream().mapToDouble(Call::wallMs).average().orElseThrow();
        double warm200 = warmMean * tenants;
        Double coldApply = median(cold.subList(1, cold.size()).stream().map(Call::applyMs).toList());
        Double warmApply = median(warm.subList(1, warm.size()).stream().map(Call::applyMs).toList());
        Double coldBackup = median(cold.stream().map(Call::backupMs).toList());
        double perTarget = fleetMs * threads / tenants;
        double fleetApplyMedian = Bench.median(fleetApply);

        md.append("Run ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(", engine commit ").append(Bench.shell("git rev-parse --short HEAD").strip()).append("; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs; Java ")
                .append(System.getProperty("java.runtime.version")).append("; ").append(PG.version()).append(". ")
                .append(tenants).append(" tenant schemas × ").append(tables).append(" tables, ").append(rows)
                .append(" rows per table; v2 adds ").append(tables / 4 + tables / 10).append(" nullable columns and ")
                .append(tables / 4).append(" indexes (").append(tables / 4 + tables / 10 - tables / 20)
                .append(" tables changed); backup ")
                .append(backup ? "on (the default: one `pg_dump` per schema)" : "off").append("; `threads=")
                .append(threads).append("`. Load average (1 min): start ").append(loads[0]).append(", before the fleet ")
                .append(loads[1]).append(", before the fresh-JVM calls ").append(loads[2]).append(", before the warm calls ")
                .append(loads[3]).append(", end ").append(loads[4]).append(". Set-up (not measured against anything): ")
                .append(tenants + 2 * separate).append(" schemas to v1 by one fleet run in ")
                .append(String.format(Locale.ROOT, "%.1f s", v1Run.elapsed().toMillis() / 1000.0)).append(".\n\n");
        md.append("| | ms | |\n|---|---:|---|\n");
        row("**fleet**: one `auto` over " + tenants + " schemas, `threads=" + threads + "` (wall)", fleetMs, "");
        row("&nbsp;&nbsp;model load (discovery, Hibernate, shadow; once)", firstStart, "");
        row("&nbsp;&nbsp;first tenant (" + first + "): `auto`, generates the changeset", firstOutcome.elapsed().toMillis(), "");
        row("&nbsp;&nbsp;the other " + (tenants - 1) + " in parallel (`apply` + verify each)", lastTargetLine - firstEnd,
                String.format(Locale.ROOT, "Liquibase lock held %.0f%% of it, %.2f threads waiting on average",
                        parallelLock[0] * 100, parallelLock[1]));
        row("&nbsp;&nbsp;summary", fleetMs - summaryStart, "");
        row("&nbsp;&nbsp;serial Liquibase step, whole run (sampled lock-held time)", wholeLock[0] * fleetMs,
                String.format(Locale.ROOT, "%.0f%% of the fleet's wall time", wholeLock[0] * 100));
        row("&nbsp;&nbsp;per tenant: elapsed (median of " + elapsed.size() + ")", Bench.median(elapsed), "");
        row("&nbsp;&nbsp;per tenant: \"Applied … in\" (median; includes the wait for the lock)", fleetApplyMedian, "");
        if (!fleetBackup.isEmpty()) {
            row("&nbsp;&nbsp;per tenant: backup (`pg_dump`, median)", Bench.median(fleetBackup), "");
        }
        row("**separate, fresh JVM** per call (`java` running the engine's `auto`; mean of " + separate + ")", coldMean,
                "first call (generates) " + Bench.ms(cold.get(0).wallMs) + ", median of the rest " + Bench.ms(coldRest)
                        + "; engine inside the JVM: median " + Bench.ms(Bench.median(cold.stream().map(Call::engineMs).toList())));
        row("&nbsp;&nbsp;" + separate + " calls, measured", coldTotal, "");
        row("&nbsp;&nbsp;extrapolated to " + tenants + " (mean × " + tenants + ", linear)", cold200, "");
        if (coldApply != null) {
            row("&nbsp;&nbsp;apply step (\"Applied … in\", median of calls 2–" + separate + ")", coldApply, "");
        }
        if (coldBackup != null) {
            row("&nbsp;&nbsp;backup step (median)", coldBackup, "");
        }
        row("**separate, one warm JVM** per call (engine `auto` one after another; mean of " + separate + ")", warmMean,
                "first " + Bench.ms(warm.get(0).wallMs) + ", median of the rest "
                        + Bench.ms(Bench.median(warm.subList(1, warm.size()).stream().map(Call::wallMs).toList())));
        row("&nbsp;&nbsp;extrapolated to " + tenants, warm200, "");
        if (warmApply != null) {
            row("&nbsp;&nbsp;apply step (median of calls 2–" + separate + ")", warmApply, "");
        }
        md.append("\n| target | measured | |\n|---|---|---|\n");
        double speedup = cold200 / fleetMs;
        md.append(String.format(Locale.ROOT, "| fleet ≥ 5× faster than %d separate calls | %s (%s ms extrapolated "
                        + "fresh-JVM calls / %s ms fleet; against warm in-JVM calls %s) | %s |%n", tenants,
                Bench.ratio(speedup), Bench.ms(cold200), Bench.ms(fleetMs), Bench.ratio(warm200 / fleetMs),
                speedup >= 5 ? "**met**" : "**missed**"));
        if (coldApply != null) {
            md.append(String.format(Locale.ROOT, "| per-target cost ≤ 2× one small migration's apply | wall × threads / "
                            + "tenants = %s ms = %s of the separate calls' apply step (%s ms); per-tenant \"Applied\" "
                            + "median %s ms = %s | %s |%n", Bench.ms(perTarget), Bench.ratio(perTarget / coldApply),
                    Bench.ms(coldApply), Bench.ms(fleetApplyMedian), Bench.ratio(fleetApplyMedian / coldApply),
                    perTarget / coldApply <= 2 ? "**met**" : "**missed**"));
        }
        md.append("\n**Fleet timeline** (first 40 and last 20 lines; time since the run started)\n\n```\n");
        lines.lines(0, 40).forEach(l -> md.append(l).append('\n'));
        md.append("...\n");
        lines.lines(Math.max(40, lines.size() - 20), lines.size()).forEach(l -> md.append(l).append('\n'));
        md.append("```\n\n**A separate call, fresh JVM** (the second; time since the engine started)\n\n```\n");
        cold.get(Math.min(1, cold.size() - 1)).steps().forEach(l -> md.append(l).append('\n'));
        md.append("```\n");
        md.replace(0, md.length(), md.toString().replace(database, "<db>"));
    }

    private void row(String label, double ms, String note) {
        md.append("| ").append(label).append(" | ").append(Bench.ms(ms)).append(" | ").append(note).append(" |\n");
    }

    private static Double median(List<Double> values) {
        List<Double> present = values.stream().filter(v -> v != null).toList();
        return present.isEmpty() ? null : Bench.median(present);
    }

    private void write() throws Exception {
        Path results = Path.of("bench/target/fleet.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, md);
        log("results in %s", results.toAbsolutePath());
        if (tenants != 200 || tables != 20 || threads != 4) {
            return; // not the benchmark: BENCHMARKS.md left alone
        }
        Path doc = Path.of("BENCHMARKS.md");
        String text = Files.readString(doc);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            log("BENCHMARKS.md has no %s ... %s block: left alone", BEGIN, END);
            return;
        }
        Files.writeString(doc, text.substring(0, b + BEGIN.length()) + "\n" + md + "\n" + text.substring(e));
        log("results written to %s", doc.toAbsolutePath());
    }

    // ---------------------------------------------------------------- helpers

    /** Waits while another benchmark of the servers runs ({@code ServerBench}), checking every 30 s. */
    private void waitForServerBench() throws InterruptedException {
        while (ProcessHandle.allProcesses().anyMatch(p -> p.pid() != ProcessHandle.current().pid()
                && p.info().commandLine().orElse("").contains("ServerBench"))) {
            log("ServerBench is running: waiting 30 s");
            Thread.sleep(30_000);
        }
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[fleet %5.0fs] %s%n", (System.nanoTime() - start) / 1e9,
                String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
