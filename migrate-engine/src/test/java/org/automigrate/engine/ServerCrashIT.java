package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.support.ChildAuto;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run killed (SIGKILL) on a server while the application keeps writing. The killed run is found from the
 * database itself (no file of this machine: the build directory is deleted in between, as by {@code mvn clean} or
 * another CI worker) and recorded as {@code INTERRUPTED} with what it really applied; nothing restores a backup,
 * so every row the application wrote after the kill survives. PostgreSQL rolls the whole run back (one
 * transaction); on MariaDB the changesets that completed stay applied, the rest run in the next run.
 */
class ServerCrashIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String SEEDED = "select id, name, email, status from customer where email not like 'marker%' "
            + "order by id";
    private static final String MARKERS = "select c.id, c.name, c.email, count(o.id) from customer c left join "
            + "purchase_order o on o.customer_id = c.id where c.email like 'marker%' group by c.id, c.name, c.email "
            + "order by c.id";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aRunKilledWhileApplyingIsRecordedAndTheNextRunKeepsTheApplicationsRows(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            Seeded seeded = seedWithSlowTeammate(kind, db, project);
            killWhileSleeping(kind, db, project);
            Map<String, String> afterKill = db.tableDigests();
            afterKill.remove("automigrate_history");
            // on MariaDB the teammate's first changeset had completed: it stays, recorded; PostgreSQL rolled it back
            assertThat(db.queryValue("select count(*) from product where sku = 'SEED'").toString())
                    .isEqualTo(kind == DatabaseKind.MARIADB ? "1" : "0");
            Map<String, String> before = new java.util.TreeMap<>(seeded.tables());
            for (String bookkeeping : List.of("product", "databasechangelog", "databasechangeloglock")) {
                afterKill.remove(bookkeeping); // MariaDB: the completed changeset, and Liquibase's lock left set
                before.remove(bookkeeping);
            }
            assertThat(afterKill).isEqualTo(before);
            String markers = writeMarkers(db, "marker-a", 500);
            makeTheSlowChangesetFast(kind, project);
            deleteTree(project.dir.resolve("target")); // nothing of this machine's is needed to find the killed run

            AutoResult next = ServerScenarioIT.engine(project, db, "v2").auto();

            assertThat(next.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(project.listener.warnings).anySatisfy(w -> assertThat(w)
                    .contains("was killed before it recorded its outcome", "INTERRUPTED")
                    .contains(kind == DatabaseKind.POSTGRESQL
                            ? "PostgreSQL rolled its transaction back and nothing of it remains"
                            : "it had applied 1 of its ")
                    .doesNotContain("restored"));
            assertThat(ServerScenarioIT.rows(db, SEEDED)).isEqualTo(seeded.customers());
            assertThat(ServerScenarioIT.rows(db, MARKERS)).isEqualTo(markers);
            assertThat(db.queryValue("select count(*) from product where sku = 'SEED'").toString()).isEqualTo("1");
            assertThat(db.queryValue("select count(*) from purchase_order where customer_id in (select id from customer "
                    + "where email not like 'marker%')").toString()).isEqualTo(seeded.orders());
            assertThat(ServerScenarioIT.rows(db, "select FILENAME, ID, count(*) from DATABASECHANGELOG group by FILENAME, ID "
                    + "having count(*) > 1")).isEmpty();
            assertThat(db.queryValue("select count(*) from DATABASECHANGELOGLOCK where LOCKED = true").toString())
                    .isEqualTo("0");
            List<HistoryEntry> history = ServerScenarioIT.engine(project, db, "v2").history(0).entries();
            assertThat(history).extracting(HistoryEntry::status)
                    .containsExactly(HistoryEntry.SUCCESS, HistoryEntry.INTERRUPTED, HistoryEntry.SUCCESS);
            assertThat(history.get(1).changesets()).hasSize(kind == DatabaseKind.POSTGRESQL ? 0 : 1);
            assertThat(ServerScenarioIT.engine(project, db, "v2").verify().tables()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void twoRunsKilledInARowAreBothRecordedAndTheThirdKeepsEveryRow(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            Seeded seeded = seedWithSlowTeammate(kind, db, project);
            killWhileSleeping(kind, db, project);
            writeMarkers(db, "marker-a", 300);
            killWhileSleeping(kind, db, project);
            String markers = writeMarkers(db, "marker-b", 300);
            makeTheSlowChangesetFast(kind, project);

            assertThat(ServerScenarioIT.engine(project, db, "v2").auto().status()).isEqualTo(RunStatus.APPLIED);

            assertThat(ServerScenarioIT.rows(db, SEEDED)).isEqualTo(seeded.customers());
            assertThat(ServerScenarioIT.rows(db, MARKERS)).isEqualTo(markers).contains("marker-a", "marker-b");
            assertThat(ServerScenarioIT.engine(project, db, "v2").history(0).entries()).extracting(HistoryEntry::status)
                    .containsExactly(HistoryEntry.SUCCESS, HistoryEntry.INTERRUPTED, HistoryEntry.INTERRUPTED,
                            HistoryEntry.SUCCESS);
            assertThat(ServerScenarioIT.engine(project, db, "v2").verify().tables()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aRunKilledAfterItCommittedIsNotUndoneNorRunTwice(DatabaseKind kind) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            ServerScenarioIT.engine(project, db, "v1").auto();
            writeMarkers(db, "early", 100);
            try (ChildAuto child = ChildAuto.start(project, "v2", db.url() + "?user=" + db.username())) {
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (!child.printed(l -> l.startsWith("Recorded run #")) && child.isAlive()) {
                    if (System.nanoTime() > deadline) {
                        fail("The child run never committed; it printed:\n" + child.output());
                    }
                    Thread.sleep(1);
                }
                child.kill();
                assertThat(child.output()).contains("Recorded run #2");
            }
            // the application writes in the new schema
            db.execute("insert into customer (name, email, status, phone, loyaltyPoints) "
                    + "values ('New', 'marker-new', 'ACTIVE', '555', 7)");
            String customers = ServerScenarioIT.rows(db, "select * from customer order by id");

            assertThat(ServerScenarioIT.engine(project, db, "v2").auto().status()).isEqualTo(RunStatus.NO_CHANGES);

            assertThat(project.listener.warnings).noneMatch(w -> w.contains("killed"));
            assertThat(ServerScenarioIT.rows(db, "select * from customer order by id")).isEqualTo(customers);
            assertThat(ServerScenarioIT.engine(project, db, "v2").history(0).entries()).extracting(HistoryEntry::status)
                    .containsExactly(HistoryEntry.SUCCESS, HistoryEntry.SUCCESS);
            assertThat(ServerScenarioIT.rows(db, "select FILENAME, ID, count(*) from DATABASECHANGELOG group by FILENAME, ID "
                    + "having count(*) > 1")).isEmpty();
        }
    }

    /** The database's rows before the killed runs: the v1 tables' digests, the customers, the orders' count. */
    private record Seeded(Map<String, String> tables, String customers, String orders) {
    }

    /**
     * v1 with rows, and two teammates' changesets pending before v2's: one that inserts a product, then one that
     * touches every customer and sleeps, so that a run can be killed in the middle of it.
     */
    private static Seeded seedWithSlowTeammate(DatabaseKind kind, Servers.Database db, Project project)
            throws Exception {
        ServerScenarioIT.engine(project, db, "v1").auto();
        db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')",
                "insert into customer (name, email, status) values ('Bob', 'bob@x', 'BLOCKED')");
        db.execute("insert into purchase_order (customer_id, paid) select id, true from customer",
                "insert into purchase_order (customer_id, paid) select id, false from customer");
        Map<String, String> tables = db.tableDigests();
        tables.remove("automigrate_history");
        project.addChangeset("0002_seed_product.yaml", "seed-product", "insert into product (sku) values ('SEED')");
        project.addChangeset("0003_slow.yaml", "slow-touch", "update customer set name = name");
        Path slow = project.changelogDir().resolve("changes/0003_slow.yaml");
        Files.writeString(slow, Files.readString(slow) + "        - sql:\n            sql: " + sleep(kind, 6) + "\n");
        return new Seeded(tables, ServerScenarioIT.rows(db, SEEDED),
                db.queryValue("select count(*) from purchase_order").toString());
    }

    private static String sleep(DatabaseKind kind, int seconds) {
        return kind == DatabaseKind.POSTGRESQL ? "select pg_sleep(" + seconds + ")" : "select sleep(" + seconds + ")";
    }

    /** The slow changeset has not been applied anywhere, so it may still be edited. */
    private static void makeTheSlowChangesetFast(DatabaseKind kind, Project project) throws Exception {
        Path slow = project.changelogDir().resolve("changes/0003_slow.yaml");
        Files.writeString(slow, Files.readString(slow).replace(sleep(kind, 6), sleep(kind, 0)));
    }

    /** Runs {@code auto} of v2 in a child JVM and SIGKILLs it while the teammate's changeset sleeps. */
    private static void killWhileSleeping(DatabaseKind kind, Servers.Database db, Project project) throws Exception {
        try (ChildAuto child = ChildAuto.start(project, "v2", db.url() + "?user=" + db.username())) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!sleeping(db, sleep(kind, 6))) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    fail("The child run never reached the slow statement; it printed:\n" + child.output());
                }
                Thread.sleep(20);
            }
            child.kill();
            assertThat(child.output()).doesNotContain("Recorded run");
            if (kind == DatabaseKind.MARIADB) {
                Matcher shadow = Pattern.compile("Created the shadow database (automigrate_shadow_\\w+)")
                        .matcher(child.output());
                assertThat(shadow.find()).as("the killed run names its shadow").isTrue();
                assertThat(db.queryValue("select count(*) from information_schema.schemata where schema_name = '"
                        + shadow.group(1) + "'")).as("the killed run's shadow, dropped by the test").isEqualTo(0L);
            }
            // the server notices the dead session once its statement ends; wait for that, so that the next
            // run's sleep is not mistaken for this one's
            while (sleeping(db, sleep(kind, 6))) {
                if (System.nanoTime() > deadline) {
                    fail("The killed run's statement never ended on the server");
                }
                Thread.sleep(50);
            }
        }
    }

    /** The application at work: a customer with {@code orders} orders, in v1's columns; returns the markers' rows. */
    private static String writeMarkers(Servers.Database db, String name, int orders) throws Exception {
        db.execute("insert into customer (name, email, status) values ('" + name + "', 'marker-" + name + "@app', "
                + "'ACTIVE')");
        Object id = db.queryValue("select max(id) from customer");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < orders; i++) {
            values.append(i == 0 ? "" : ", ").append("(").append(id).append(", ").append(i % 2 == 0 ? "true" : "false")
                    .append(")");
        }
        db.execute("insert into purchase_order (customer_id, paid) values " + values);
        return ServerScenarioIT.rows(db, MARKERS);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Whether a session is running the slow statement in the test's database (not in a shadow, where planning
     * replays the changelog first: on PostgreSQL a schema of the same database, whose sessions carry the shadow's
     * name as application name), i.e. the changeset's first statements ran there.
     */
    private static boolean sleeping(Servers.Database db, String sleep) throws Exception {
        String sql = db.kind() == DatabaseKind.POSTGRESQL
                ? "select count(*) from pg_stat_activity where query = '" + sleep + "' and datname = '" + db.name()
                + "' and application_name not like 'automigrate\\_shadow\\_%'"
                : "select count(*) from information_schema.processlist where info = '" + sleep + "' and db = '"
                + db.name() + "'";
        return ((Number) db.queryValue(sql)).longValue() > 0;
    }
}
