package org.automigrate.bench;

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
import org.automigrate.engine.RunStatus;

/**
 * The engine on PostgreSQL and MariaDB against Hibernate's update and validate, on the generated models of
 * {@link ModelGenerator}. Each server gets a database of its own for the run ({@code am_bench_<random>}),
 * recreated between operations and dropped at the end; no other database is touched (the engine's own shadow
 * databases excepted, which it creates and drops itself). Arguments: {@code servers} (ignored, it selects this
 * class from {@link Bench}), {@code quick} (10 entities, one run), {@code sizes=10,100}, {@code reps=3},
 * {@code only=postgresql|mariadb}. Writes the block between the server markers of BENCHMARKS.md (working
 * directory: the repository root; not in quick mode) and bench/target/servers.md.
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
        ENGINE_DIFF_BEHIND("engine `diff`, database one column behind"),
        ENGINE_PREVIEW_BEHIND("engine `preview`, database one column behind"),
        HIB_UPDATE_BEHIND("Hibernate update, database one column behind"),
        HIB_UPDATE_EMPTY("Hibernate update (SchemaUpdate), empty database");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    private final Path work = Path.of("bench/target/work/servers").toAbsolutePath();
    private final long start = System.nanoTime();
    private final boolean quick;
    /** quick, or sizes/reps/servers chosen: the results go to bench/target/servers.md only. */
    private final boolean partial;
    private final int[] sizes;
    private final int reps;
    private final List<Server> servers;
    /** "PostgreSQL 100" to op to median ms (or a failure). */
    private final Map<String, Map<Op, String>> results = new LinkedHashMap<>();
    private final Map<String, Map<Op, Double>> medians = new LinkedHashMap<>();
    private final Map<String, String> conditions = new LinkedHashMap<>();
    private final StringBuilder timelines = new StringBuilder();

    private ServerBench(String[] args) {
        List<String> list = Arrays.asList(args);
        quick = list.contains("quick");
        int[] s = quick ? new int[] {10} : new int[] {10, 100, 300};
        int r = quick ? 1 : 3;
        List<Server> which = List.of(Server.values());
        for (String a : args) {
            if (a.startsWith("sizes=")) {
                s = Arrays.stream(a.substring(6).split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (a.startsWith("reps=")) {
                r = Integer.parseInt(a.substring(5));
            } else if (a.startsWith("only=")) {
                which = Arrays.stream(a.substring(5).split(",")).map(x -> Server.valueOf(x.toUpperCase(Locale.ROOT)))
                        .toList();
            }
        }
        partial = quick || list.stream().anyMatch(a -> a.contains("="));
        sizes = s;
        reps = r;
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
                for (int n : sizes) {
                    if (n > 100 && server != Server.POSTGRESQL) {
                        continue; // 300 entities on PostgreSQL only, where it is cheap enough
                    }
                    measure(server, database, n);
                    write(head.toString()); // after each size: an interrupted run keeps what it measured
                }
            } finally {
                server.drop(database);
            }
        }
        log("done in %.1f min", (System.nanoTime() - start) / 6e10);
    }

    private void measure(Server server, String database, int n) throws Exception {
        String key = server.label + " " + n;
        String load = load();
        Path root = work.resolve("m" + n);
        Path base = root.resolve("base-classes");
        Path plus = root.resolve("plus-classes");
        if (!Files.exists(root.resolve("ok"))) {
            Fixtures.deleteTree(root);
            Compiler.compile(ModelGenerator.sources(n, false), base);
            Compiler.compile(ModelGenerator.sources(n, true), plus);
            Files.writeString(root.resolve("ok"), "");
        }
        int rounds = n >= 300 ? 1 : reps;
        int warmups = n <= 10 && !quick ? 1 : 0;
        Map<Op, List<Double>> times = new EnumMap<>(Op.class);
        Map<Op, String> failures = new EnumMap<>(Op.class);
        Map<Op, List<String>> lines = new EnumMap<>(Op.class);
        for (int round = -warmups; round < rounds; round++) {
            Path project = root.resolve(server.name().toLowerCase(Locale.ROOT));
            Path behind = root.resolve(server.name().toLowerCase(Locale.ROOT) + "-diff");
            Fixtures.fresh(project);
            Fixtures.deleteTree(behind);
            server.recreate(database);
            for (Op op : Op.values()) {
                if (op == Op.ENGINE_DIFF_BEHIND) {
                    Fixtures.copyTree(project, behind); // the changeset diff writes stays out of the main project
                } else if (op == Op.HIB_UPDATE_EMPTY) {
                    server.recreate(database);
                }
                Fixtures.Timeline timeline = new Fixtures.Timeline();
                long t = System.nanoTime();
                try {
                    execute(op, server, database, op == Op.ENGINE_DIFF_BEHIND ? behind : project, base, plus, timeline);
                } catch (Exception | Error e) {
                    failures.put(op, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
                    log("%s %s: %s failed: %s", server.label, n, op, e);
                    if (op == Op.ENGINE_AUTO_EMPTY) {
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
                if (round >= 0) {
                    times.computeIfAbsent(op, k -> new ArrayList<>()).add(ms);
                    lines.put(op, timeline.lines);
                }
            }
            log("%s %d entities: round %d done %s", server.label, n, round, times);
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
        conditions.put(key, warmups + " warm-up + " + rounds + " measured; load average " + load + " → " + load()
                + (failures.isEmpty() ? "" : "; failures: " + failures));
        for (Op op : Op.values()) {
            if (lines.containsKey(op) && !lines.get(op).isEmpty()) {
                timelines.append("**").append(op.label).append(", ").append(key).append(" entities**\n\n```\n")
                        .append(String.join("\n", lines.get(op)).replace(database, "<db>")
                                .replace(work.toString(), "bench/target/work/servers"))
                        .append("\n```\n\n");
            }
        }
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
                        left.add(m.group());
                    }
                }
            }
        }
        return String.join(", ", left);
    }

    private static final Pattern SHADOW = Pattern.compile("automigrate_shadow_\\d+_[0-9a-f]+");

    private static void execute(Op op, Server server, String database, Path project, Path base, Path plus,
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
            case ENGINE_DIFF_BEHIND -> expect(op, engine(server, database, project, plus, null, timeline).diff().status(),
                    RunStatus.APPLIED);
            case ENGINE_PREVIEW_BEHIND -> expect(op, engine(server, database, project, plus, null, timeline).preview()
                    .status(), RunStatus.DRY_RUN);
            case HIB_VALIDATE -> HibernateAction.run("validate", base, server.hibernate(database));
            case HIB_UPDATE_BEHIND -> HibernateAction.run("update", plus, server.hibernate(database));
            case HIB_UPDATE_EMPTY -> HibernateAction.run("update", base, server.hibernate(database));
        }
    }

    private static Engine engine(Server server, String database, Path project, Path classes, Path state,
                                 Fixtures.Timeline timeline) {
        EngineConfig.Builder config = EngineConfig.builder(project).scanRoots(List.of(classes))
                .classpath(List.of(classes)).url(server.url(database)).credentials(server.user, "")
                .backupDirectory(project.resolve("backups"));
        if (state != null) {
            config.stateDirectory(state);
        }
        return new Engine(config.build(), timeline);
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
        ratio(md, "auto empty / Hibernate update empty", Op.ENGINE_AUTO_EMPTY, Op.HIB_UPDATE_EMPTY);
        ratio(md, "diff behind / Hibernate update behind", Op.ENGINE_DIFF_BEHIND, Op.HIB_UPDATE_BEHIND);
        ratio(md, "no-op `auto` fast path / Hibernate validate", Op.ENGINE_NOOP_FAST, Op.HIB_VALIDATE);
        ratio(md, "no-op full comparison / Hibernate validate", Op.ENGINE_NOOP_FULL, Op.HIB_VALIDATE);
        md.append("\nRuns and machine load (1-minute load average at the start and the end of each column):\n\n");
        conditions.forEach((k, v) -> md.append("- ").append(k).append(" entities: ").append(v).append('\n'));
        md.append("\n#### Engine step timelines (time since the call started; last measured run)\n\n").append(timelines);
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

    private void ratio(StringBuilder md, String label, Op a, Op b) {
        md.append("| *").append(label).append("* |");
        for (Map<Op, Double> m : medians.values()) {
            Double x = m.get(a);
            Double y = m.get(b);
            md.append(' ').append(x == null || y == null ? "–" : Bench.ratio(x / y)).append(" |");
        }
        md.append('\n');
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
