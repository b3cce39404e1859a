package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.support.ServerValidate;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scenarios of the SQLite suite on real PostgreSQL and MariaDB servers, each test in a database of its
 * own: create, no-op, evolve with rows, preview, blocked changes, renames, a new enum constant, a changeset
 * that fails half-way, the history, and the CI gate. After every applied run Hibernate's own validate
 * (with the server's dialect) accepts the database.
 */
class ServerScenarioIT {
    @TempDir
    Path dir;

    static Servers.Database database(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRESQL ? Servers.postgres() : Servers.mariadb();
    }

    static Engine engine(Project project, Servers.Database db, String model) {
        return engine(project, db, model, b -> b);
    }

    static Engine engine(Project project, Servers.Database db, String model, UnaryOperator<EngineConfig.Builder> more) {
        return project.engine(model, b -> more.apply(b.url(db.url()).credentials(db.username(), db.password())
                .backupDirectory(project.dir.resolve("backups"))));
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void createsThenIsANoOpThenEvolvesKeepingRows(DatabaseKind kind) throws Exception {
        try (Servers.Database db = database(kind)) {
            Project project = new Project(dir);
            AutoResult first = engine(project, db, "v1").auto();
            assertThat(first.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(first.verified()).isTrue();
            assertThat(first.changes()).extracting(PlannedChange::description)
                    .contains("create table customer", "create table purchase_order");
            assertThat(first.changelogFile().getFileName().toString()).startsWith("0001_create_tables_");
            ServerValidate.validate(db, "v1");

            StatusResult status = engine(project, db, "v1").status();
            assertThat(status.upToDate()).isTrue();
            assertThat(engine(project, db, "v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
            // MariaDB commits each DDL statement at once: one changeset per statement (one per table here)
            assertThat(engine(project, db, "v1").check().changesets())
                    .isEqualTo(kind == DatabaseKind.MARIADB ? first.applied().size() : 1);

            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')",
                    "insert into customer (name, email, status) values ('Bob', 'bob@x', 'BLOCKED')",
                    "insert into product (sku, price) values ('A-1', 9.50)");
            String customers = rows(db, "select id, name, email, status from customer order by id");
            String products = db.tableDigests().get("product");

            PreviewResult preview = engine(project, db, "v2").preview();
            assertThat(preview.status()).isEqualTo(RunStatus.DRY_RUN);
            assertThat(preview.changes()).extracting(PlannedChange::description)
                    .contains("create table region", "add column customer.phone");
            assertThat(project.changeFiles()).hasSize(1);

            AutoResult second = engine(project, db, "v2").auto();
            assertThat(second.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(second.verified()).isTrue();
            ServerValidate.validate(db, "v2");
            assertThat(rows(db, "select id, name, email, status from customer order by id")).isEqualTo(customers);
            assertThat(rows(db, "select loyaltyPoints from customer order by id")).isEqualTo("0\n0\n");
            assertThat(db.tableDigests().get("product")).isEqualTo(products);
            assertThat(engine(project, db, "v2").preview().status()).isEqualTo(RunStatus.NO_CHANGES);
            assertThat(engine(project, db, "v2").verify().tables()).isGreaterThanOrEqualTo(5);

            List<HistoryEntry> history = engine(project, db, "v2").history(0).entries();
            assertThat(history).extracting(HistoryEntry::status).containsExactly("SUCCESS", "SUCCESS");
            ReportResult report = engine(project, db, "v2").report();
            assertThat(report.model()).extracting(t -> t.name().toLowerCase()).contains("customer", "region");
            assertThat(report.preview().status()).isEqualTo(RunStatus.NO_CHANGES);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void blockedChangesLeaveTheDatabaseAndTheFilesAlone(DatabaseKind kind) throws Exception {
        try (Servers.Database db = database(kind)) {
            Project project = new Project(dir);
            engine(project, db, "v1").auto();
            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')");
            Map<String, String> before = db.tableDigests();
            List<Path> files = project.changeFiles();

            // v3: a NOT NULL column without a default, on a table with rows
            assertThatThrownBy(() -> engine(project, db, "v3").auto())
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_NULL_WITHOUT_DEFAULT);
                        assertThat(e.getMessage()).contains("-Dmigrate.defaults=customer.");
                    });
            // v5: drops the table order_line
            assertThatThrownBy(() -> engine(project, db, "v5").auto())
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED);
                        assertThat(e.getMessage()).contains("drop table order_line");
                    });
            assertThat(db.tableDigests()).isEqualTo(before);
            assertThat(project.changeFiles()).isEqualTo(files);
            assertThat(engine(project, db, "v5").preview().changes()).extracting(PlannedChange::safety)
                    .contains(Safety.DESTRUCTIVE);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aRenameKeepsTheDataAndANewEnumConstantIsSeen(DatabaseKind kind) throws Exception {
        try (Servers.Database db = database(kind)) {
            Project project = new Project(dir);
            engine(project, db, "v1").auto();
            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')");

            PreviewResult withoutRename = engine(project, db, "v7").preview();
            assertThat(withoutRename.hints()).anyMatch(h -> h.contains("-Dmigrate.renames=customer.name=full_name"));

            AutoResult renamed = engine(project, db, "v7", b -> b.renames(List.of("customer.name=full_name"))).auto();
            assertThat(renamed.changes()).extracting(PlannedChange::description)
                    .contains("rename column customer.name to full_name")
                    .noneMatch(d -> d.startsWith("drop column"));
            assertThat(rows(db, "select full_name from customer")).isEqualTo("Ada\n");
            ServerValidate.validate(db, "v7");
            // the new constant VIP is accepted by the database now
            db.execute("insert into customer (full_name, email, status) values ('Vic', 'vic@x', 'VIP')");
            assertThat(engine(project, db, "v7").status().upToDate()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aChangesetThatFailsHalfWayIsUndoneAsFarAsTheDatabaseAllows(DatabaseKind kind) throws Exception {
        try (Servers.Database db = database(kind)) {
            Project project = new Project(dir);
            engine(project, db, "v1").auto();
            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')",
                    "insert into customer (name, email, status) values ('Bob', 'bob@x', 'BLOCKED')");
            Map<String, String> before = db.tableDigests();
            NewResult hand = engine(project, db, "v1", b -> b.message("Half done")).newChangeset();
            Files.writeString(hand.changelogFile(), """
                    databaseChangeLog:
                      - changeSet:
                          id: %s
                          author: dev
                          changes:
                            - sql:
                                sql: create table half_done (id int primary key)
                            - sql:
                                sql: insert into half_done (id) values (1)
                            - sql:
                                sql: update customer set name = null
                    """.formatted(hand.changesetId()));

            assertThatThrownBy(() -> engine(project, db, "v1").apply(null))
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.APPLY_FAILED);
                        if (kind == DatabaseKind.POSTGRESQL) {
                            assertThat(e.getMessage()).contains("Nothing was changed in the database: the run's "
                                    + "transaction was rolled back");
                        } else {
                            // MariaDB committed the CREATE TABLE before the UPDATE failed: the run says so, and
                            // where the state before it is, but never restores a backup over the database
                            assertThat(e.getMessage()).contains("No changeset of this run had been applied",
                                    "those before the failing one stay applied", "check them by hand");
                        }
                        assertThat(e.getMessage()).doesNotContain("restored");
                    });
            Map<String, String> after = db.tableDigests();
            after.remove("automigrate_history");
            before.remove("automigrate_history");
            if (kind == DatabaseKind.MARIADB) {
                assertThat(after.remove("half_done")).as("the committed DDL, empty: its INSERT was rolled back")
                        .startsWith("0 rows");
            }
            assertThat(after).isEqualTo(before);
            List<HistoryEntry> history = engine(project, db, "v1").history(0).entries();
            assertThat(history.get(0).status()).isEqualTo("FAILED");
            assertThat(history.get(0).error()).isNotBlank();
        }
    }

    /**
     * MariaDB commits each DDL statement at once: a generated change of several statements (add the column, fill
     * it, make it NOT NULL) is written as one changeset per statement, so DATABASECHANGELOG says exactly how far a
     * run got; rolling the migration back undoes the whole change.
     */
    @Test
    void onMariaDbEachGeneratedStatementIsAChangesetAndTheMigrationRollsBackWhole() throws Exception {
        try (Servers.Database db = database(DatabaseKind.MARIADB)) {
            Project project = new Project(dir);
            engine(project, db, "v1").auto();
            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')");
            Map<String, String> v1 = db.tableDigests();
            v1.remove("automigrate_history");

            AutoResult added = engine(project, db, "v3", b -> b.defaults(List.of("customer.nickname=unknown"))).auto();
            assertThat(added.changes()).hasSize(1); // one change for the user ...
            assertThat(added.applied()).hasSize(3); // ... three one-statement changesets in the file
            String file = Files.readString(added.changelogFile());
            assertThat(file).contains("(statement 1 of 3)", "(statement 3 of 3)", Planning.UNDONE_BEFORE);
            assertThat(rows(db, "select nickname from customer")).isEqualTo("unknown\n");

            engine(project, db, "v3").rollback(1);
            Map<String, String> after = db.tableDigests();
            after.remove("automigrate_history");
            assertThat(after).isEqualTo(v1);

            engine(project, db, "v3", b -> b.defaults(List.of("customer.nickname=unknown"))).auto();
            assertThat(rows(db, "select nickname from customer")).isEqualTo("unknown\n");
            assertThat(engine(project, db, "v3").status().upToDate()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aColumnChangeKeepsEverythingElseTheColumnDeclares(DatabaseKind kind) throws Exception {
        try (Servers.Database db = database(kind)) {
            Project project = new Project(dir);
            engine(project, db, "v2").auto();
            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')");
            // drift made by hand: a narrower nullable name, loyaltyPoints without NOT NULL
            db.execute(kind == DatabaseKind.MARIADB
                    ? new String[] {"alter table customer modify name varchar(50) null",
                                    "alter table customer modify loyaltyPoints int null default 0"}
                    : new String[] {"alter table customer alter column name type varchar(50)",
                                    "alter table customer alter column name drop not null",
                                    "alter table customer alter column loyaltyPoints drop not null"});
            String rows = rows(db, "select id, name, email, loyaltyPoints from customer order by id");

            AutoResult fixed = engine(project, db, "v2").auto();
            assertThat(fixed.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(fixed.verified()).isTrue();
            ServerValidate.validate(db, "v2");
            assertThat(rows(db, "select id, name, email, loyaltyPoints from customer order by id")).isEqualTo(rows);
            String catalog = kind == DatabaseKind.MARIADB ? "table_schema = database()" : "table_schema = 'public'";
            assertThat(rows(db, "select lower(column_name), is_nullable, character_maximum_length from "
                    + "information_schema.columns where " + catalog + " and lower(table_name) = 'customer' "
                    + "and lower(column_name) in ('name', 'loyaltypoints') order by 1"))
                    .isEqualTo("loyaltypoints|NO|null\nname|NO|100\n");
            // the default survived the column's redefinition: a row without the column gets 0
            db.execute("insert into customer (name, email, status) values ('Bob', 'bob@x', 'ACTIVE')");
            assertThat(rows(db, "select loyaltyPoints from customer where name = 'Bob'")).isEqualTo("0\n");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aNoOpCostsOneQueryUntilTheSchemaChanges(DatabaseKind kind) throws Exception {
        try (Servers.Database db = database(kind)) {
            Project project = new Project(dir);
            engine(project, db, "v1").auto();
            project.listener.steps.clear();
            assertThat(engine(project, db, "v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
            assertThat(project.listener.steps).singleElement().asString().contains("unchanged since the last verified run");

            db.execute("alter table customer add extra int");
            project.listener.steps.clear();
            assertThatThrownBy(() -> engine(project, db, "v1").auto())
                    .isInstanceOfSatisfying(MigrateException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED));
            assertThat(project.listener.steps).noneMatch(step -> step.contains("unchanged since"));
        }
    }

    @Test
    void aPostgresRunWithAChangesetOutsideATransactionRollsBackWhatItAppliedWhenItFails() throws Exception {
        try (Servers.Database db = Servers.postgres()) {
            Project project = new Project(dir);
            engine(project, db, "v1").auto();
            db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')");
            Map<String, String> before = db.tableDigests();
            NewResult first = engine(project, db, "v1", b -> b.message("First")).newChangeset();
            Files.writeString(first.changelogFile(), """
                    databaseChangeLog:
                      - changeSet:
                          id: %s
                          author: dev
                          changes:
                            - sql:
                                sql: create table applied_first (id int primary key)
                          rollback:
                            - sql:
                                sql: drop table applied_first
                    """.formatted(first.changesetId()));
            NewResult hand = engine(project, db, "v1", b -> b.message("Outside")).newChangeset();
            Files.writeString(hand.changelogFile(), """
                    databaseChangeLog:
                      - changeSet:
                          id: %s
                          author: dev
                          runInTransaction: false
                          changes:
                            - sql:
                                sql: create table half_done (id int primary key)
                            - sql:
                                sql: update customer set name = null
                    """.formatted(hand.changesetId()));

            assertThatThrownBy(() -> engine(project, db, "v1").apply(null))
                    .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.getMessage())
                            .contains("The 1 changeset this run had applied was rolled back with its rollback SQL",
                                    first.changesetId(), "its statements before the failing one stay applied")
                            .doesNotContain("restored"));
            assertThat(project.listener.warnings).anySatisfy(w -> assertThat(w)
                    .contains("runs outside a transaction", "changeset by changeset"));
            Map<String, String> after = db.tableDigests();
            after.remove("automigrate_history");
            before.remove("automigrate_history");
            assertThat(after.remove("half_done")).startsWith("0 rows");
            assertThat(after).isEqualTo(before).doesNotContainKey("applied_first");
        }
    }

    /** The rows of a query, one line each, columns separated by '|'. */
    static String rows(Servers.Database db, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (var c = db.connect(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    out.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
