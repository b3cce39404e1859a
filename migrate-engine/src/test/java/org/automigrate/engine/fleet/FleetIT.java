package org.automigrate.engine.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.automigrate.engine.Engine;
import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.RestoreResult;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.support.RecordingListener;
import org.automigrate.engine.support.TenantModel;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many databases on real servers: 50 tenant schemas of one PostgreSQL database and 20 MariaDB databases, each
 * evolved v1 to v2 with rows in it. One tenant's rows violate v2's new unique constraint: every other tenant is
 * migrated and verified, that one is left exactly as it was (rows and schema), and the summary names it. On
 * PostgreSQL each schema is a database of its own to the run: its own lock (a lock held on one tenant makes that
 * tenant wait while the others go on), {@code DATABASECHANGELOG}, history and backup, and restoring one tenant's
 * backup leaves the other schemas alone.
 */
class FleetIT {
    private static final int SCHEMAS = 50;
    private static final int MARIADB_DATABASES = 20;
    private static final int ROWS = 3;

    @TempDir
    static Path models;
    static TenantModel model;

    @TempDir
    Path project;

    @BeforeAll
    static void compileModel() {
        model = TenantModel.compile(models);
    }

    private FleetResult run(FleetGoal goal, int version, EngineListener listener, UnaryOperator<EngineConfig.Builder> more) {
        return new FleetRun(more.apply(model.config(project, version).threads(2)).build(), listener).run(goal);
    }

    @Test
    void fiftyTenantSchemasOnPostgresqlEvolveEachOnItsOwn() throws Exception {
        try (Servers.Database db = Servers.postgres("am_fleet")) {
            for (int i = 1; i <= SCHEMAS; i++) {
                db.execute("create schema tenant_" + i);
            }
            db.execute("create schema other", "create table public.keep (id int primary key)",
                    "insert into public.keep values (1)");
            UnaryOperator<EngineConfig.Builder> fleet = b -> b.url(db.url()).credentials(db.username(), db.password())
                    .schemas(List.of("tenant_*")).backupDirectory(project.resolve("backups"));

            RecordingListener created = new RecordingListener();
            FleetResult v1 = run(FleetGoal.auto(), 1, created, b -> fleet.apply(b).backup(false));
            assertThat(v1.status()).as(created.all()).isEqualTo(RunStatus.APPLIED);
            assertThat(v1.targets()).hasSize(SCHEMAS);
            assertThat(v1.targets().get(1).target()).isEqualTo("tenant_2"); // natural order: tenant_10 comes later
            assertThat(schemasWith(db, "account")).hasSize(SCHEMAS).doesNotContain("public", "other");

            for (int i = 1; i <= SCHEMAS; i++) {
                String schema = "tenant_" + i;
                db.execute(qualify(schema, TenantModel.rows(schema, ROWS)));
            }
            db.execute("insert into tenant_7.account (name, email) values ('copy', 'tenant_7.0@example.com')");
            String failingBefore = digest(db, "tenant_7");
            String quietBefore = digest(db, "tenant_23");

            RecordingListener evolved = new RecordingListener();
            FleetResult v2 = run(FleetGoal.auto(), 2, evolved, fleet);

            assertThat(v2.status()).isEqualTo(RunStatus.FAILED);
            assertThat(v2.failedTargets()).as(evolved.all()).containsExactly("tenant_7");
            assertThat(v2.succeeded()).isEqualTo(SCHEMAS - 1);
            assertThat(v2.generatedOn()).isEqualTo("tenant_1");
            TargetOutcome failed = v2.targets().stream().filter(o -> o.target().equals("tenant_7")).findFirst().orElseThrow();
            assertThat(failed.error()).contains("tenant_7", "rolled back");
            assertThat(digest(db, "tenant_7")).isEqualTo(failingBefore);
            assertThat(db.queryValue("select count(*) from tenant_7.automigrate_history where status = 'FAILED'"))
                    .isEqualTo(1L);
            assertThat(FleetSummary.lines(v2)).anyMatch(l -> l.matches("\\s+tenant_7\\s+FAILED\\s+0\\s.*"))
                    .anyMatch(l -> l.startsWith("Failed: tenant_7."));
            // the others: migrated, their rows kept, each with its own changelog table, history and backup
            assertThat(schemasWith(db, "note")).hasSize(SCHEMAS - 1).doesNotContain("tenant_7");
            assertThat(digest(db, "tenant_23").split(" ")[0]).isEqualTo(quietBefore.split(" ")[0]);
            assertThat(db.queryValue("select count(*) from tenant_23.account where phone is null")).isEqualTo((long) ROWS);
            for (String schema : List.of("tenant_1", "tenant_23", "tenant_50")) {
                assertThat(db.queryValue("select count(*) from " + schema + ".databasechangelog")).isEqualTo(2L);
                assertThat(db.queryValue("select string_agg(status, ',' order by id) from " + schema
                        + ".automigrate_history")).isEqualTo("SUCCESS,SUCCESS");
            }
            assertThat(db.queryValue("select count(*) from information_schema.tables where table_schema in "
                    + "('public', 'other') and table_name ilike 'databasechangelog%'")).isEqualTo(0L);
            try (var files = Files.list(project.resolve("backups"))) {
                List<String> backups = files.map(p -> p.getFileName().toString()).sorted().toList();
                assertThat(backups).hasSize(SCHEMAS)
                        .allMatch(name -> name.matches(db.name() + "\\.tenant_\\d+\\.backup_\\d{8}_\\d{6}\\.sql"));
            }
            String dump = Files.readString(backupOf(db, "tenant_23"));
            assertThat(dump).contains("CREATE TABLE tenant_23.account").doesNotContain("tenant_24.", "public.keep");

            FleetResult verified = run(FleetGoal.verify(), 2, new RecordingListener(), fleet);
            assertThat(verified.failedTargets()).containsExactly("tenant_7");
            assertThat(verified.targets().stream().filter(o -> o.target().equals("tenant_7")).findFirst().orElseThrow()
                    .errorCode()).isEqualTo(ErrorCode.DRIFT);

            // tenant_7 fixed; tenant_12 locked by another session: it waits, the others go on, then it runs
            db.execute("delete from tenant_7.account where name = 'copy'");
            RecordingListener locked = new RecordingListener();
            FleetResult afterLock;
            try (Connection holder = db.connect()) {
                lock(holder, "automigrate:" + db.name() + ".tenant_12", true);
                CompletableFuture<FleetResult> running = CompletableFuture.supplyAsync(
                        () -> run(FleetGoal.auto(), 2, synchronizedListener(locked), fleet));
                awaitLine(locked, (SCHEMAS - 1) + "/" + SCHEMAS + " migrated, 0 failed, 1 waiting for a lock", running);
                assertThat(lines(locked)).anyMatch(l -> l.startsWith("[tenant_12] Waiting for another migration of ")
                        && l.contains("schema tenant_12"));
                assertThat(running).isNotDone();
                lock(holder, "automigrate:" + db.name() + ".tenant_12", false);
                afterLock = running.get(5, TimeUnit.MINUTES);
            }
            assertThat(afterLock.failed()).isZero();
            assertThat(afterLock.targets().stream().filter(o -> o.target().equals("tenant_7")).findFirst().orElseThrow()
                    .status()).isEqualTo(RunStatus.APPLIED);
            assertThat(lines(locked)).anyMatch(l -> l.startsWith("[tenant_12] Verified: the database matches the model"));
            assertThat(schemasWith(db, "note")).hasSize(SCHEMAS);

            // restoring one tenant's backup replaces that schema only
            db.execute("insert into tenant_3.account (name, email) values ('later', 'later@3')",
                    "insert into tenant_4.account (name, email) values ('later', 'later@4')");
            Engine tenant3 = new Engine(model.config(project, 2).url(db.url() + "?currentSchema=tenant_3")
                    .credentials(db.username(), db.password()).backupDirectory(project.resolve("backups")).build(),
                    new RecordingListener());
            RestoreResult restored = tenant3.restore(backupOf(db, "tenant_3").getFileName().toString());
            assertThat(restored.restoredFrom().getFileName().toString()).startsWith(db.name() + ".tenant_3.backup_");
            assertThat(db.queryValue("select count(*) from tenant_3.account where name = 'later'")).isEqualTo(0L);
            assertThat(db.queryValue("select count(*) from tenant_4.account where name = 'later'")).isEqualTo(1L);
            assertThat(db.queryValue("select count(*) from public.keep")).isEqualTo(1L);
            assertThat(schemasWith(db, "account")).hasSize(SCHEMAS);
            assertThat(db.queryValue("select count(*) from pg_namespace where nspname = 'other'")).isEqualTo(1L);
        }
    }

    @Test
    void twentyMariadbDatabasesEvolveAndTheOneThatCannotIsLeftAsItWas() throws Exception {
        List<Servers.Database> dbs = new ArrayList<>();
        try {
            for (int i = 0; i < MARIADB_DATABASES; i++) {
                dbs.add(Servers.mariadb("am_fleet"));
            }
            Servers.Database first = dbs.get(0);
            UnaryOperator<EngineConfig.Builder> fleet = b -> b.targets(dbs.stream().map(Servers.Database::url).toList())
                    .credentials(first.username(), first.password()).backupDirectory(project.resolve("backups"));

            RecordingListener created = new RecordingListener();
            FleetResult v1 = run(FleetGoal.auto(), 1, created, b -> fleet.apply(b).backup(false));
            assertThat(v1.status()).as(created.all()).isEqualTo(RunStatus.APPLIED);
            for (Servers.Database db : dbs) {
                db.execute(TenantModel.rows(db.name(), ROWS));
            }
            Servers.Database failing = dbs.get(4);
            failing.execute("insert into account (name, email) values ('copy', '" + failing.name() + ".0@example.com')");
            Map<String, String> before = withoutBookkeeping(failing.tableDigests());
            Map<String, String> accountsBefore = new LinkedHashMap<>();
            for (Servers.Database db : dbs) {
                accountsBefore.put(db.name(), db.tableDigests().get("account").split(",")[0]);
            }

            RecordingListener evolved = new RecordingListener();
            FleetResult v2 = run(FleetGoal.auto(), 2, evolved, fleet);

            assertThat(v2.status()).isEqualTo(RunStatus.FAILED);
            assertThat(v2.failedTargets()).as(evolved.all()).containsExactly(failing.name());
            assertThat(withoutBookkeeping(failing.tableDigests())).isEqualTo(before);
            assertThat(FleetSummary.lines(v2)).anyMatch(l -> l.startsWith("Failed: " + failing.name() + "."));
            for (Servers.Database db : dbs) {
                if (db != failing) {
                    Map<String, String> tables = db.tableDigests();
                    assertThat(tables).containsKey("note");
                    assertThat(tables.get("account")).startsWith(accountsBefore.get(db.name()) + ",");
                }
            }
            FleetResult verified = run(FleetGoal.verify(), 2, new RecordingListener(), fleet);
            assertThat(verified.failedTargets()).containsExactly(failing.name());
            assertThat(verified.succeeded()).isEqualTo(MARIADB_DATABASES - 1);
        } finally {
            for (Servers.Database db : dbs) {
                db.close();
            }
        }
    }

    /** The tables of a database but Liquibase's and the history, which a failed run writes to. */
    private static Map<String, String> withoutBookkeeping(Map<String, String> digests) {
        Map<String, String> kept = new LinkedHashMap<>(digests);
        kept.keySet().removeIf(t -> t.startsWith("databasechangelog") || t.equals("automigrate_history"));
        return kept;
    }

    private static String[] qualify(String schema, String[] statements) {
        String[] qualified = new String[statements.length];
        for (int i = 0; i < statements.length; i++) {
            qualified[i] = statements[i].replace("insert into account", "insert into " + schema + ".account");
        }
        return qualified;
    }

    /** The schemas holding a table of that name. */
    private static List<String> schemasWith(Servers.Database db, String table) throws Exception {
        List<String> schemas = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "select table_schema from information_schema.tables where table_name = ? order by 1")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
        }
        return schemas;
    }

    /** A schema's tables and columns but the bookkeeping, and its accounts: row count and checksum. */
    private static String digest(Servers.Database db, String schema) throws Exception {
        Object columns = db.queryValue("select string_agg(table_name || '.' || column_name || ':' || data_type || ':' "
                + "|| is_nullable, ',' order by table_name, column_name) from information_schema.columns where "
                + "table_schema = '" + schema + "' and table_name not like 'databasechangelog%' "
                + "and table_name <> 'automigrate_history'");
        Object constraints = db.queryValue("select string_agg(conname, ',' order by conname) from pg_constraint c "
                + "join pg_namespace n on n.oid = c.connamespace where n.nspname = '" + schema + "'");
        Object rows = db.queryValue("select count(*) || ' ' || md5(string_agg(id || '|' || name || '|' || "
                + "coalesce(email, ''), ',' order by id)) from " + schema + ".account");
        return rows + " " + columns + " " + constraints;
    }

    /** The newest backup of one tenant schema. */
    private Path backupOf(Servers.Database db, String schema) throws Exception {
        try (var files = Files.list(project.resolve("backups"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(db.name() + "." + schema + ".backup_"))
                    .sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private static void lock(Connection connection, String name, boolean take) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(take ? "select pg_advisory_lock(?, hashtext(?))"
                : "select pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, (int) 0x6175746f6d6967L); // ServerLock's key
            ps.setString(2, name);
            ps.execute();
        }
    }

    /** A recording listener that the run's threads may share. */
    private static EngineListener synchronizedListener(RecordingListener target) {
        return new EngineListener() {
            @Override
            public void step(String message) {
                synchronized (target) {
                    target.step(message);
                }
            }

            @Override
            public void warn(String message) {
                synchronized (target) {
                    target.warn(message);
                }
            }

            @Override
            public void detail(String message) {
            }
        };
    }

    private static List<String> lines(RecordingListener listener) {
        synchronized (listener) {
            return List.copyOf(listener.steps);
        }
    }

    /** Waits until the run has said {@code line}: a state reached, not a time; fails if the run ends first. */
    private static void awaitLine(RecordingListener listener, String line, CompletableFuture<?> running)
            throws InterruptedException {
        while (!lines(listener).contains(line)) {
            assertThat(running).as("the run ended without saying: " + line + "\n" + listener.all()).isNotDone();
            Thread.sleep(100);
        }
    }
}
