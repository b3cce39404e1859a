package org.automigrate.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.automigrate.engine.Engine;
import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.MariaDbCatalogReader;
import org.automigrate.engine.schema.PostgresCatalogReader;

/**
 * The engine on PostgreSQL and MariaDB against Hibernate's update and validate, on the generated models of
 * {@link ModelGenerator}. Each server gets a database of its own for the run ({@code am_bench_<random>}),
 * recreated between operations and dropped at the end; no other database is touched (the engine's own shadows
 * excepted, which it creates and drops itself). Arguments: {@code servers} (ignored, it selects this class
 * from {@link Bench}), {@code quick} (10 entities, one run, heap at 10 entities), {@code sizes=100,300,1000},
 * {@code reps=3} (rounds below 300 entities), {@code bigReps=1} (rounds from 300 entities), {@code heap=1000}
 * (the model size of the peak-heap runs; 0: none), {@code only=postgresql|mariadb}, {@code write} (rewrite
 * BENCHMARKS.md even with options). Writes the block between the server markers of BENCHMARKS.md (working
 * directory: the repository root; without options, or with {@code write}) and bench/target/servers.md.
 */
public final class ServerBench {
    static final String BEGIN = "<!-- bench:servers:begin -->";
    static final String END = "<!-- bench:servers:end -->";

    /** One server, reached as the engine's tests reach it: this machine, no password. */
    enum Server {
        POSTGRESQL("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/", "postgres", "postgres",
                "org.hibernate.dialect.PostgreSQLDialect"),
        MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:3306/", "", "root", "org.hibernate.dialect.MariaDBDialect");

        final String label;
        final String urlPrefix;
        final String adminDatabase;
        final String user;
        final String dialect;

        Server(String label, String urlPrefix, String adminDatabase, String user, String dialect) {
            this.label = label;
            this.urlPrefix = urlPrefix;
            this.adminDatabase = adminDatabase;
            this.user = user;
            this.dialect = dialect;
        }

        String url(String database) {
            return urlPrefix + database;
        }

        void admin(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url(adminDatabase), user, "");
                 Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }

        /** Drops (whoever is connected) and creates the run's own database. */
        void recreate(String database) throws SQLException {
            drop(database);
            admin("CREATE DATABASE " + database);
        }

        void drop(String database) throws SQLException {
            admin("DROP DATABASE IF EXISTS " + database + (this == POSTGRESQL ? " WITH (FORCE)" : ""));
        }

        String version() throws SQLException {
            try (Connection c = DriverManager.getConnection(url(adminDatabase), user, "")) {
                return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            }
        }

        /** Runs one statement in the run's own database. */
        void execute(String database, String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url(database), user, "");
                 Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }

        /** The run's own database read by the engine's catalog reader for this server, as a run reads it. */
        DbSchema read(String database) throws SQLException {
            try (Connection c = DriverManager.getConnection(url(database), user, "")) {
                return this == POSTGRESQL ? PostgresCatalogReader.read(c, "public") : MariaDbCatalogReader.read(c, database);
            }
        }

        Map<String, String> hibernate(String database) {
            return Map.of("hibernate.connection.url", url(database), "hibernate.connection.username", user,
                    "hibernate.connection.password", "", "hibernate.dialect", dialect);
        }
    }

    /** The measured operations, in the order one round runs them. */
    enum Op {
        ENGINE_AUTO_EMPTY("engine `auto`, empty database"),
        ENGINE_NOOP_FAST("engine no-op `auto` (fast path: fingerprint)"),
        ENGINE_NOOP_FULL("engine no-op `auto`, fresh stateDirectory (full shadow comparison)"),
        ENGINE_PREVIEW_NOOP("engine `preview`, nothing changed (full shadow comparison)"),
        HIB_VALIDATE("Hibernate validate (SchemaValidator), database up to date"),
        CATALOG_READ("engine catalog reader alone, live database up to date (not a goal: one `DbSchema` read)"),
        ENGINE_DIFF_BEHIND("engine `diff`, database one column behind"),
        ENGINE_PREVIEW_BEHIND("engine `preview`, database one column behind"),
        ENGINE_AUTO_BEHIND("engine `auto`, database one column behind (backup on)"),
        HIB_UPDATE_BEHIND("Hibernate update, database one column behind"),
        HIB_UPDATE_EMPTY("Hibernate update (SchemaUpdate), empty database");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    /** A speed target of issue 13: {@code a / b <= limit}. */
    private record Target(String label, Op a, Op b, double limit) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("`auto` empty / Hibernate update empty", Op.ENGINE_AUTO_EMPTY, Op.HIB_UPDATE_EMPTY, 1.0),
            new Target("`auto` one behind / Hibernate update one behind", Op.ENGINE_AUTO_BEHIND, Op.HIB_UPDATE_BEHIND,
                    1.5),
            new Target("`diff` one behind / Hibernate update one behind", Op.ENGINE_DIFF_BEHIND, Op.HIB_UPDATE_BEHIND,
                    1.5),
            new Target("no-op full comparison / Hibernate validate", Op.ENGINE_NOOP_FULL, Op.HIB_VALIDATE, 1.5),
            new Target("no-op `auto` fast path / Hibernate validate", Op.ENGINE_NOOP_FAST, Op.HIB_VALIDATE, 0.2));

    /** The peak-heap target: {@code auto} on the heap model runs in this heap. */
    private static final int HEAP_TARGET_MB = 256;

    private final Path work = Path.of("bench/target/work/servers").toAbsolutePath();
    private final long start = System.nanoTime();
    private final boolean quick;
    /** quick, or sizes/reps/servers chosen (and not {@code write}): the results go to bench/target/servers.md only. */
    private final boolean partial;
    private final int[] sizes;
    private final int reps;
    private final int bigReps;
    private final int heapSize;
    private final List<Server> servers;
    /** "PostgreSQL 100" to op to median ms (or a failure). */
    private final Map<String, Map<Op, String>> results = new LinkedHashMap<>();
    private final Map<String, Map<Op, Double>> medians = new LinkedHashMap<>();
    private final Map<String, String> conditions = new LinkedHashMap<>();
    private final StringBuilder timelines = new StringBuilder();
    /** The peak-heap rows, and per server the smallest {@code -Xmx} (MB) that passed (-1: none). */
    private final StringBuilder heapRows = new StringBuilder();
    private final Map<Server, Integer> smallestHeap = new EnumMap<>(Server.class);
    /** The servers whose {@code auto} failed with the default heap for another reason than memory. */
    private final java.util.Set<Server> heapFailed = java.util.EnumSet.noneOf(Server.class);
    private final StringBuilder heapTimelines = new StringBuilder();

    private ServerBench(String[] args) {
        List<String> list = Arrays.asList(args);
        quick = list.contains("quick");
        int[] s = quick ? new int[] {10} : new int[] {100, 300, 1000};
        int r = quick ? 1 : 3;
        int big = 1;
        int heap = quick ? 10 : 1000;
        List<Server> which = List.of(Server.values());
        for (String a : args) {
            if (a.startsWith("sizes=")) {
                s = Arrays.stream(a.substring(6).split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (a.startsWith("reps=")) {
                r = Integer.parseInt(a.substring(5));
            } else if (a.startsWith("bigReps=")) {
                big = Integer.parseInt(a.substring(8));
            } else if (a.startsWith("heap=")) {
                heap = Integer.parseInt(a.substring(5));
            } else if (a.startsWith("only=")) {
                which = Arrays.stream(a.substring(5).split(",")).map(x -> Server.valueOf(x.toUpperCase(Locale.ROOT)))
                        .toList();
            }
        }
        partial = !list.contains("write") && (quick || list.stream().anyMatch(a -> a.contains("=")));
        sizes = s;
        reps = r;
        bigReps = big;
        heapSize = heap;
        servers = which;
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        new ServerBench(args).run();
    }

    private void run() throws Exception {
        StringBuilder head = new StringBuilder("Run " + LocalDateTime.now().format(DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm")) + (quick ? " (**quick mode**)" : "") + ", engine commit "
                + Bench.shell("git rev-parse --short HEAD").strip() + "; " + Runtime.getRuntime().availableProcessors()
                + " CPUs; Java " + System.getProperty("java.runtime.version") + "; ");
        for (Server server : servers) {
            head.append(server.version()).append("; ");
            String database = "am_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try {
                if (!quick) {
                    // Hibernate's and the engine's first use in this JVM (class loading, JIT) stays out of the
                    // measured rounds: one unmeasured round on the small model first
                    warmUp(server, database);
                }
                for (int n : sizes) {
                    measure(server, database, n);
                    write(head.toString()); // after each size: an interrupted run keeps what it measured
                }
                if (heapSize > 0) {
                    heap(server, database, heapSize);
                    write(head.toString());
                }
            } finally {
                server.drop(database);
            }
        }
        log("done in %.1f min", (System.nanoTime() - start) / 6e10);
    }

    /** The compiled base and plus models of {@code n} entities under work/m{@code n} (made once, then reused). */
    private Path model(int n) throws Exception {
        Path root = work.resolve("m" + n);
        if (!Files.exists(root.resolve("ok"))) {
            Fixtures.deleteTree(root);
            Compiler.compile(ModelGenerator.sources(n, false), root.resolve("base-classes"));
            Compiler.compile(ModelGenerator.sources(n, true), root.resolve("plus-classes"));
            Files.writeString(root.resolve("ok"), "");
        }
        return root;
    }

    private void warmUp(Server server, String database) throws Exception {
        Path root = model(10);
        Map<Op, Double> times = new EnumMap<>(Op.class);
        Map<Op, String> failures = new EnumMap<>(Op.class);
        round(server, database, 10, root, times, failures, new EnumMap<>(Op.class));
        log("%s warm-up round (10 entities) done %s%s", server.label, times, failures.isEmpty() ? "" : " " + failures);
    }

    private void measure(Server server, String database, int n) throws Exception {
        String key = server.label + " " + n;
        String load = load();
        Path root = model(n);
        int rounds = n >= 300 ? bigReps : reps;
        Map<Op, List<Double>> times = new EnumMap<>(Op.class);
        Map<Op, String> failures = new EnumMap<>(Op.class);
        Map<Op, List<String>> lines = new EnumMap<>(Op.class);
        for (int round = 0; round < rounds; round++) {
            Map<Op, Double> once = new EnumMap<>(Op.class);
            round(server, database, n, root, once, failures, lines);
            once.forEach((op, ms) -> times.computeIfAbsent(op, k -> new ArrayList<>()).add(ms));
            log("%s %d entities: round %d done %s", server.label, n, round, once);
        }
        Map<Op, String> row = new EnumMap<>(Op.class);
        Map<Op, Double> med = new EnumMap<>(Op.class);
        for (Op op : Op.values()) {
            if (times.containsKey(op)) {
                med.put(op, Bench.median(times.get(op)));
                row.put(op, Bench.ms(med.get(op)));
            } else if (failures.containsKey(op)) {
                row.put(op, "failed");
            }
        }
        results.put(key, row);
        medians.put(key, med);
        conditions.put(key, rounds + " measured round" + (rounds == 1 ? "" : "s") + "; load average " + load + " → "
                + load() + (failures.isEmpty() ? "" : "; failures: " + clean(failures.toString(), database)));
        for (Op op : Op.values()) {
            if (lines.containsKey(op) && !lines.get(op).isEmpty()) {
                timelines.append("**").append(op.label).append(", ").append(key).append(" entities**\n\n```\n")
                        .append(clean(compact(lines.get(op)), database)).append("\n```\n\n");
            }
        }
    }

    /**
     * One round of every operation on the model under {@code root}: the times of those that succeeded go to
     * {@code times}, the failures to {@code failures}, the step lines of each to {@code lines}.
     */
    private void round(Server server, String database, int n, Path root, Map<Op, Double> times,
                       Map<Op, String> failures, Map<Op, List<String>> lines) throws Exception {
        Path base = root.resolve("base-classes");
        Path plus = root.resolve("plus-classes");
        String dir = server.name().toLowerCase(Locale.ROOT);
        Path project = root.resolve(dir);
        Path behind = root.resolve(dir + "-diff");
        Path ahead = root.resolve(dir + "-auto");
        Fixtures.fresh(project);
        Fixtures.deleteTree(behind);
        Fixtures.deleteTree(ahead);
        server.recreate(database);
        for (Op op : Op.values()) {
            Path where = project;
            if (op == Op.ENGINE_DIFF_BEHIND) {
                Fixtures.copyTree(project, behind); // the changeset diff writes stays out of the main project
                where = behind;
            } else if (op == Op.ENGINE_AUTO_BEHIND) {
                Fixtures.copyTree(project, ahead);
                where = ahead;
            } else if (op == Op.HIB_UPDATE_BEHIND && times.containsKey(Op.ENGINE_AUTO_BEHIND)) {
                // one column behind again: auto added it (its changelog rows stay; Hibernate does not read them)
                server.execute(database, "ALTER TABLE " + ModelGenerator.table(n) + " DROP COLUMN extra");
            } else if (op == Op.HIB_UPDATE_EMPTY) {
                server.recreate(database);
            }
            Fixtures.Timeline timeline = new Fixtures.Timeline(true);
            long t = System.nanoTime();
            try {
                execute(op, server, database, n, where, base, plus, timeline);
            } catch (Exception | Error e) {
                failures.put(op, e.getClass().getSimpleName() + ": " + shorten(clean(firstLine(e.getMessage()), database)));
                log("%s %s: %s failed: %s", server.label, n, op, e);
                if (op == Op.ENGINE_AUTO_EMPTY && !upToDateWithoutEngine(server, database, project, base)) {
                    break; // nothing else can run on this round
                }
                continue;
            }
            double ms = (System.nanoTime() - t) / 1e6;
            String leaked = leakedShadows(server, database, timeline.lines);
            if (!leaked.isEmpty()) {
                failures.put(op, "shadow left behind: " + leaked);
                log("%s %d entities: %s left its shadow behind: %s", server.label, n, op, leaked);
            }
            times.put(op, ms);
            lines.put(op, timeline.lines);
        }
    }

    /**
     * After a failed {@code auto} on the empty database: the database made up to date another way, so that the
     * other operations can still be measured (not timed): Hibernate update creates the schema, then the engine's
     * {@code auto} finds nothing to do, which stores the fingerprint the fast path needs. False if that fails too.
     */
    private boolean upToDateWithoutEngine(Server server, String database, Path project, Path base) {
        try {
            server.recreate(database);
            HibernateAction.run("update", base, server.hibernate(database));
            Fixtures.fresh(project);
            RunStatus status = engine(server, database, project, base, null, new Fixtures.Timeline()).auto().status();
            log("%s: the database made by Hibernate update instead; the engine's auto on it: %s", server.label, status);
            return status == RunStatus.NO_CHANGES;
        } catch (Exception | Error e) {
            log("%s: the database cannot be made up to date without the engine either: %s", server.label, e);
            return false;
        }
    }

    private String clean(String text, String database) {
        return text.replace(database, "<db>").replace(work.toString(), "bench/target/work/servers");
    }

    /**
     * The lines as printed, but a long run of "Applied" detail lines (on MariaDB a changeset per statement: 4,000
     * at 1,000 entities) shortened to its first two and last line and a count.
     */
    static String compact(List<String> lines) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int j = i;
            while (j < lines.size() && lines.get(j).contains("(detail) Applied ")) {
                j++;
            }
            if (j - i > 5) {
                out.addAll(lines.subList(i, i + 2));
                out.add(String.format(Locale.ROOT, "            ... %,d more changesets applied ...", j - i - 3));
                out.add(lines.get(j - 1));
                i = j;
            } else {
                out.add(lines.get(i));
                i++;
            }
        }
        return String.join("\n", out);
    }

    // ---------------------------------------------------------------- peak heap

    /**
     * {@code auto} on the empty database with the model of {@code n} entities, in a child JVM ({@link ServerOnce}):
     * with the default heap, then {@code -Xmx256m} and smaller until one fails ({@code -Xmx512m} if 256 MB fails).
     */
    private void heap(Server server, String database, int n) throws Exception {
        Path root = model(n);
        Path project = root.resolve(server.name().toLowerCase(Locale.ROOT) + "-heap");
        String load = load();
        int smallest = -1;
        // when auto fails with the default heap for another reason than memory (PostgreSQL's lock table at 1,000
        // entities), a smaller heap "passes" if it gets as far: the same failure, no OutOfMemoryError
        String failureWithDefault = null;
        List<Integer> settings = new ArrayList<>(List.of(0, 256, 128, 64));
        for (int i = 0; i < settings.size(); i++) {
            int mb = settings.get(i);
            Fixtures.fresh(project);
            server.recreate(database);
            HeapRun run = child(server, database, root.resolve("base-classes"), project, mb);
            String leaked = leakedShadows(server, database, run.steps);
            boolean oom = run.output.contains("OutOfMemoryError");
            boolean asFar = !run.ok && !oom && failureWithDefault != null
                    && beforeSql(run.failure).equals(beforeSql(failureWithDefault));
            heapRows.append("| ").append(server.label).append(" | ").append(mb == 0 ? "default" : "`-Xmx" + mb + "m`")
                    .append(" | ").append(run.peakBytes >> 20).append(" MB | ")
                    .append(run.ok ? Bench.ms(run.insideMs) + " ms" : "–").append(" | ")
                    .append(run.ok ? "ok" : asFar ? "as far as with the default heap (same failure, no "
                            + "OutOfMemoryError)" : "fails" + (oom ? " (OutOfMemoryError)" : ": "
                            + shorten(clean(firstLine(run.failure), database)).replace("|", "\\|")))
                    .append(leaked.isEmpty() ? "" : "; shadow left behind: " + leaked).append(" |\n");
            log("%s heap %s: %s", server.label, mb == 0 ? "default" : mb + " MB", run.ok ? "ok " + run.insideMs + " ms, peak "
                    + (run.peakBytes >> 20) + " MB" : "fails: " + run.failure);
            if (mb == 0) {
                if (!run.ok) {
                    if (oom) {
                        break;
                    }
                    failureWithDefault = run.failure;
                }
                heapTimelines.append("**engine `auto`, empty database, ").append(server.label).append(' ').append(n)
                        .append(" entities, child JVM, default heap").append(run.ok ? "" : " (failed)")
                        .append("**\n\n```\n").append(clean(compact(run.steps), database)).append("\n```\n\n");
                continue;
            }
            if (run.ok || asFar) {
                smallest = mb;
            } else {
                if (mb == 256) {
                    settings.add(i + 1, 512);
                }
                break;
            }
            if (mb == 512) {
                break;
            }
        }
        smallestHeap.put(server, smallest);
        if (failureWithDefault != null) {
            heapFailed.add(server);
        }
        conditions.put(server.label + " heap (" + n + " entities)", "load average " + load + " → " + load());
    }

    private static String beforeSql(String failure) {
        int i = failure.indexOf("[Failed SQL");
        return i < 0 ? failure : failure.substring(0, i);
    }

    private record HeapRun(double insideMs, long peakBytes, boolean ok, String failure, List<String> steps,
                           String output) {
    }

    private HeapRun child(Server server, String database, Path classes, Path project, int mb) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (mb > 0) {
            command.add("-Xmx" + mb + "m");
        }
        command.add("-Xss64m");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerOnce.class.getName(), server.name(),
                database, classes.toString(), project.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        List<String> steps = new ArrayList<>();
        double inside = -1;
        long peak = -1;
        String failure = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("TIME ")) {
                    inside = Double.parseDouble(line.substring(5));
                } else if (line.startsWith("PEAK ")) {
                    peak = Long.parseLong(line.substring(5));
                } else if (line.startsWith("STEP ")) {
                    steps.add(line.substring(5));
                } else if (line.startsWith("FAILED ")) {
                    failure = line.substring(7);
                }
            }
        }
        int exit = process.waitFor();
        boolean ok = exit == 0 && failure.isEmpty() && inside >= 0;
        if (!ok && failure.isEmpty()) {
            failure = "exit " + exit;
        }
        return new HeapRun(inside, peak, ok, failure, steps, output.toString());
    }

    /**
     * The shadows the run's step lines name that still exist after the call returned (PostgreSQL: schemas in
     * the database; MariaDB: databases).
     */
    private static String leakedShadows(Server server, String database, List<String> lines) throws SQLException {
        List<String> left = new ArrayList<>();
        for (String line : lines) {
            Matcher m = SHADOW.matcher(line);
            while (m.find()) {
                String sql = server == Server.POSTGRESQL ? "select 1 from pg_namespace where nspname = '" + m.group() + "'"
                        : "select 1 from information_schema.schemata where schema_name = '" + m.group() + "'";
                try (Connection c = DriverManager.getConnection(server.url(server == Server.POSTGRESQL ? database
                        : server.adminDatabase), server.user, "");
                     Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
                    if (rs.next()) {
                        if (!left.contains(m.group())) {
                            left.add(m.group());
                        }
                    }
                }
            }
        }
        return String.join(", ", left);
    }

    private static final Pattern SHADOW = Pattern.compile("automigrate_shadow_\\d+_[0-9a-f]+");

    private static void execute(Op op, Server server, String database, int n, Path project, Path base, Path plus,
                                Fixtures.Timeline timeline) throws Exception {
        switch (op) {
            case ENGINE_AUTO_EMPTY -> expect(op, engine(server, database, project, base, null, timeline).auto().status(),
                    RunStatus.APPLIED);
            case ENGINE_NOOP_FAST -> expect(op, engine(server, database, project, base, null, timeline).auto().status(),
                    RunStatus.NO_CHANGES);
            case ENGINE_NOOP_FULL -> {
                Path state = Files.createTempDirectory(project, "state-");
                expect(op, engine(server, database, project, base, state, timeline).auto().status(), RunStatus.NO_CHANGES);
            }
            case ENGINE_PREVIEW_NOOP -> expect(op, engine(server, database, project, base, null, timeline).preview()
                    .status(), RunStatus.NO_CHANGES);
            case CATALOG_READ -> {
                int tables = server.read(database).size();
                if (tables < n) {
                    throw new IllegalStateException(op.label + ": " + tables + " tables read, expected at least " + n);
                }
            }
            case ENGINE_DIFF_BEHIND -> expect(op, engine(server, database, project, plus, null, timeline).diff().status(),
                    RunStatus.APPLIED);
            case ENGINE_PREVIEW_BEHIND -> expect(op, engine(server, database, project, plus, null, timeline).preview()
                    .status(), RunStatus.DRY_RUN);
            case ENGINE_AUTO_BEHIND -> expect(op, engine(server, database, project, plus, null, timeline).auto().status(),
                    RunStatus.APPLIED);
            case HIB_VALIDATE -> HibernateAction.run("validate", base, server.hibernate(database));
            case HIB_UPDATE_BEHIND -> HibernateAction.run("update", plus, server.hibernate(database));
            case HIB_UPDATE_EMPTY -> HibernateAction.run("update", base, server.hibernate(database));
        }
    }

    static Engine engine(Server server, String database, Path project, Path classes, Path state,
                         EngineListener listener) {
        EngineConfig.Builder config = EngineConfig.builder(project).scanRoots(List.of(classes))
                .classpath(List.of(classes)).url(server.url(database)).credentials(server.user, "")
                .backupDirectory(project.resolve("backups"));
        if (state != null) {
            config.stateDirectory(state);
        }
        return new Engine(config.build(), listener);
    }

    private static void expect(Op op, RunStatus actual, RunStatus expected) {
        if (actual != expected) {
            throw new IllegalStateException(op.label + ": status " + actual + ", expected " + expected);
        }
    }

    // ---------------------------------------------------------------- output

    private void write(String head) throws Exception {
        StringBuilder md = new StringBuilder(head.strip()).append("\n\n| operation (median ms) |");
        results.keySet().forEach(k -> md.append(' ').append(k).append(" |"));
        md.append("\n|---|");
        results.keySet().forEach(k -> md.append("---:|"));
        md.append('\n');
        for (Op op : Op.values()) {
            md.append("| ").append(op.label).append(" |");
            results.values().forEach(row -> md.append(' ').append(row.getOrDefault(op, "–")).append(" |"));
            md.append('\n');
        }
        for (Target target : TARGETS) {
            md.append("| *").append(target.label).append(" (target ≤ ").append(Bench.ratio(target.limit)).append(")* |");
            for (Map<Op, Double> m : medians.values()) {
                Double x = m.get(target.a);
                Double y = m.get(target.b);
                md.append(' ').append(x == null || y == null ? "–" : Bench.ratio(x / y)
                        + (x / y <= target.limit ? " met" : " **missed**")).append(" |");
            }
            md.append('\n');
        }
        if (!heapRows.isEmpty()) {
            md.append("\nPeak heap of `auto` on the empty database, ").append(heapSize).append(" entities, in a child JVM ")
                    .append("(`-Xss64m`; peak = sum of the heap pools' `MemoryPoolMXBean.getPeakUsage()`, an upper ")
                    .append("bound; the smallest `-Xmx` that passes is the real need; target: runs in `-Xmx")
                    .append(HEAP_TARGET_MB).append("m`):\n\n| server | heap setting | peak heap used | time in the ")
                    .append("child JVM | result |\n|---|---|---:|---:|---|\n").append(heapRows);
            smallestHeap.forEach((server, mb) -> md.append("\n").append(server.label).append(": ")
                    .append(mb > 0 ? (heapFailed.contains(server) ? "`auto` fails (not for memory) but gets as far "
                            + "in `-Xmx" : "runs in `-Xmx") + mb + "m`" : "does not run in `-Xmx" + HEAP_TARGET_MB + "m`")
                    .append(mb > 0 && mb <= HEAP_TARGET_MB ? " (target met)" : " (target **missed**)").append('\n'));
        }
        md.append("\nRuns and machine load (1-minute load average at the start and the end of each column")
                .append(quick ? "" : "; each server first runs one unmeasured warm-up round on a 10-entity model")
                .append("):\n\n");
        conditions.forEach((k, v) -> md.append("- ").append(k).append(k.contains("heap") ? ": " : " entities: ")
                .append(v).append('\n'));
        md.append("\n#### Engine step timelines (time since the call started, with the engine's detail lines; last ")
                .append("measured run)\n\n").append(timelines).append(heapTimelines);
        Path results = Path.of("bench/target/servers.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, md);
        log("results in %s", results.toAbsolutePath());
        if (partial) {
            return;
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

    /** A failure's text up to the failed SQL (the statement is in the log), at most 300 characters. */
    private static String shorten(String s) {
        String t = beforeSql(s).strip();
        return t.length() > 300 ? t.substring(0, 300) + " …" : t;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[servers %5.0fs] %s%n", (System.nanoTime() - start) / 1e9,
                String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
