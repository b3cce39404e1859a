package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.support.EntityFields;
import org.automigrate.engine.support.KeywordModel;
import org.automigrate.engine.support.RecordingListener;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose tables and columns are SQL keywords ({@code group}, {@code order}, {@code select}, {@code from},
 * {@code transaction}, {@code values}, {@code limit}, {@code check}, a sequence {@code index}), quoted in the
 * mapping as an application must quote them, evolved on PostgreSQL and MariaDB with rows: created, a column
 * added, a type widened, a column and a table renamed, the last two migrations rolled back and applied again,
 * a column and a table dropped. Every statement the engine writes quotes what the server needs quoted; every
 * step keeps the rows and is followed by a full comparison that finds nothing to do.
 */
class ServerReservedWordsIT {
    @TempDir
    Path tmp;

    private final KeywordModel model = new KeywordModel("@Id Long id;");
    private final EntityFields fields = model.fields();
    private final RecordingListener listener = new RecordingListener();
    private int compiled;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aModelOfKeywordsIsCreatedEvolvedRolledBackAndDropped(DatabaseKind kind) throws Exception {
        try (Servers.Database db = kind == DatabaseKind.POSTGRESQL ? Servers.postgres() : Servers.mariadb()) {
            String q = kind == DatabaseKind.POSTGRESQL ? "\"" : "`";
            entity("Group", "group",
                    "@Column(name = \"\\\"order\\\"\", nullable = false) int order;",
                    "@Column(name = \"\\\"select\\\"\", length = 40) String select;");
            model.table("Group", "\"\\\"group\\\"\", indexes = @Index(name = \"idx_group_order\", columnList = \"\\\"order\\\"\")");
            entity("Transaction", "transaction",
                    "@ManyToOne(optional = false) @JoinColumn(name = \"\\\"group\\\"\") Group group;",
                    "@Column(name = \"\\\"values\\\"\") Integer values;");
            entity("Limit", "limit", "@Column(name = \"\\\"check\\\"\", length = 20) String check;");
            entity("Key", "key", "@Column(name = \"\\\"as\\\"\", length = 20) String as;");
            apply(db, "1 create", c -> c);
            for (int i = 1; i <= 20; i++) {
                db.execute("insert into " + q + "group" + q + " (id, " + q + "order" + q + ", " + q + "select" + q
                        + ") values (" + i + ", " + i + ", 'g" + i + "')");
                db.execute("insert into " + q + "transaction" + q + " (id, " + q + "group" + q + ", " + q + "values"
                        + q + ") values (" + i + ", " + i + ", " + (i * 10) + ")");
            }
            String groups = "select id, " + q + "order" + q + ", " + q + "select" + q + " from " + q + "group" + q
                    + " order by id";
            String before = ServerScenarioIT.rows(db, groups);

            fields.add("Group", "@Column(name = \"\\\"from\\\"\", length = 30) String from;");
            apply(db, "2 add column group.from", c -> c);
            db.execute("update " + q + "group" + q + " set " + q + "from" + q + " = 'from' where id % 2 = 0");

            fields.replace("Group", "String select;", "@Column(name = \"\\\"select\\\"\", length = 80) String select;");
            AutoResult widened = apply(db, "3 widen group.select", c -> c);
            assertThat(widened.changes()).extracting(PlannedChange::description)
                    .containsExactly("change column group.select: type " + (kind == DatabaseKind.POSTGRESQL
                            ? "character varying(40) -> character varying(80)" : "varchar(40) -> varchar(80)"));
            assertThat(ServerScenarioIT.rows(db, groups)).isEqualTo(before);

            fields.replace("Group", "String from;", "@Column(name = \"\\\"where\\\"\", length = 30) String from;");
            model.table("Transaction", "\"\\\"commit\\\"\"");
            apply(db, "4 renames", c -> c.renames(List.of("group.from=where", "transaction=commit")));
            assertThat(ServerScenarioIT.rows(db, "select count(*) from " + q + "group" + q + " where " + q + "where"
                    + q + " = 'from'")).isEqualTo("10\n");
            assertThat(ServerScenarioIT.rows(db, "select count(*) from " + q + "commit" + q)).isEqualTo("20\n");

            RollbackResult back = engine(db, compiledClasses(), c -> c).rollback(2);
            assertThat(back.rolledBack()).isNotEmpty();
            assertThat(ServerScenarioIT.rows(db, groups)).isEqualTo(before);
            assertThat(ServerScenarioIT.rows(db, "select count(*) from " + q + "transaction" + q)).isEqualTo("20\n");
            assertThat(engine(db, compiledClasses(), c -> c).apply(null).status()).isEqualTo(RunStatus.APPLIED);
            assertThat(engine(db, compiledClasses(), c -> c).preview().status()).isEqualTo(RunStatus.NO_CHANGES);

            model.remove("Limit");
            fields.removeField("Transaction", "Integer values;");
            AutoResult dropped = apply(db, "5 drops", c -> c.allowDestructive(true));
            assertThat(dropped.changes()).extracting(PlannedChange::description)
                    .contains("drop table limit", "drop column commit.values");
            assertThat(ServerScenarioIT.rows(db, "select count(*) from " + q + "commit" + q)).isEqualTo("20\n");
            assertThat(ServerScenarioIT.rows(db, groups)).isEqualTo(before);
        }
    }

    private void entity(String name, String table, String... entityFields) {
        model.entity(name, table, entityFields);
    }

    private Path compile() {
        return model.compile(tmp.resolve("classes/v" + (++compiled)));
    }

    private Path compiledClasses() {
        return tmp.resolve("classes/v" + compiled);
    }

    private Engine engine(Servers.Database db, Path classes, UnaryOperator<EngineConfig.Builder> customize) {
        return new Engine(customize.apply(EngineConfig.builder(tmp.resolve("app")).scanRoots(List.of(classes))
                .classpath(List.of(classes)).url(db.url()).credentials(db.username(), db.password())
                .backupDirectory(tmp.resolve("backups"))).build(), listener);
    }

    /** Runs {@code auto}, which must apply and verify a change; a full comparison then finds nothing to do. */
    private AutoResult apply(Servers.Database db, String step, UnaryOperator<EngineConfig.Builder> customize) {
        Path classes = compile();
        AutoResult result = engine(db, classes, customize).auto();
        System.out.printf("step %s: %s in %d ms%n", step, result.status(), result.elapsed().toMillis());
        result.changes().forEach(c -> System.out.println("   [" + c.safety() + "] " + c.description() + " " + c.sql()));
        assertThat(result.status()).as(step).isEqualTo(RunStatus.APPLIED);
        assertThat(result.verified()).as(step).isTrue();
        assertThat(engine(db, classes, c -> c).preview().status()).as(step + ": a full comparison after it")
                .isEqualTo(RunStatus.NO_CHANGES);
        return result;
    }
}
