package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;

import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.report.MarkdownReport;
import org.automigrate.engine.support.CompiledModelValidate;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.EntityFields;
import org.automigrate.engine.support.KeywordModel;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.support.RecordingListener;
import org.automigrate.engine.support.RowDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose tables and columns are SQLite keywords ({@code group}, {@code order}, {@code select},
 * {@code from}, {@code transaction}, {@code values}, {@code limit}, {@code check}, a generator table
 * {@code index}), quoted in the mapping as an application must quote them for its own Hibernate, evolved on
 * a SQLite file with rows and foreign keys enforced: created, a column added in place, a type change that
 * rebuilds the parent table, a column and a table renamed, both changes rolled back and applied again, a
 * column and a table dropped. Every step keeps the rows, is verified, and is followed by a run that finds
 * nothing to do; at the end Hibernate's own validate accepts the database.
 */
class ReservedWordsIT {
    private static final int GROUPS = 200;
    private static final int TRANSACTIONS = 2_000;

    @TempDir
    Path tmp;

    private Project app;
    private Path project;
    private Path db;
    private final RecordingListener listener = new RecordingListener();
    private final KeywordModel model = new KeywordModel("@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;");
    private final EntityFields fields = model.fields();
    private int compiled;

    @Test
    void aModelOfKeywordsIsCreatedEvolvedRolledBackAndDropped() throws Exception {
        app = new Project(Files.createDirectories(tmp.resolve("app")));
        project = app.dir;
        db = app.db;

        // 1. create: every name a keyword, a foreign key column named "group", an index on "order",
        //    and a sequence generator whose one-row table is "index"
        entity("Group", "group",
                "@Column(name = \"\\\"order\\\"\", nullable = false) int order;",
                "@Column(name = \"\\\"select\\\"\", length = 40) String select;");
        model.table("Group", "\"\\\"group\\\"\", indexes = @Index(name = \"idx_group_order\", columnList = \"\\\"order\\\"\")");
        entity("Transaction", "transaction",
                "@ManyToOne(optional = false) @JoinColumn(name = \"\\\"group\\\"\") Group group;",
                "@Column(name = \"\\\"values\\\"\") Integer values;");
        entity("Limit", "limit", "@Column(name = \"\\\"check\\\"\", length = 20) String check;");
        entity("Key", "key", "@Column(name = \"\\\"as\\\"\", length = 20) String as;");
        Path v1 = compile();
        AutoResult created = apply("1 create", v1, c -> c);
        assertThat(created.created()).isTrue();
        assertThat(changelog(created)).contains("insert into \"index\" values (1)");
        fill();
        assertThat(app.query("select next_val from \"index\"")).containsExactly(List.of(1));

        // 2. add column "from" in place
        fields.add("Group", "@Column(name = \"\\\"from\\\"\", length = 30) String from;");
        AutoResult added = apply("2 add column group.from", compile(), c -> c);
        assertThat(changelog(added)).contains("alter table \"group\" add column \"from\" varchar(30)")
                .doesNotContain("__automigrate_new");
        app.execute("update \"group\" set \"from\" = 'from ' || id where id % 2 = 0");

        // 3. widen "select": the parent table is rebuilt, foreign keys enforced, children intact
        fields.replace("Group", "String select;", "@Column(name = \"\\\"select\\\"\", length = 80) String select;");
        RowDigest groups = RowDigest.of(db, "select id, \"order\", \"select\", \"from\" from \"group\" order by id");
        RowDigest transactions = RowDigest.of(db, "select * from \"transaction\" order by id");
        AutoResult rebuilt = apply("3 rebuild group", compile(), c -> c.url(fkUrl()));
        assertThat(changelog(rebuilt)).contains("CREATE TABLE group__automigrate_new (",
                "INSERT INTO group__automigrate_new (id, \"order\", \"select\", \"from\")",
                "SELECT id, \"order\", \"select\", \"from\"\n", "FROM \"group\"", "DROP TABLE \"group\"",
                "ALTER TABLE group__automigrate_new RENAME TO \"group\"");
        assertThat(columnType("group", "select")).isEqualToIgnoringCase("varchar(80)");
        assertThat(RowDigest.of(db, "select id, \"order\", \"select\", \"from\" from \"group\" order by id")).isEqualTo(groups);
        assertThat(RowDigest.of(db, "select * from \"transaction\" order by id")).isEqualTo(transactions);
        assertThat(app.query("select * from pragma_foreign_key_check")).isEmpty();
        assertThat(app.query("select name from pragma_index_list('group') where origin = 'c'"))
                .containsExactly(List.of("idx_group_order"));

        // 4. rename column "from" -> "where" and table "transaction" -> "commit"
        fields.replace("Group", "String from;", "@Column(name = \"\\\"where\\\"\", length = 30) String from;");
        model.table("Transaction", "\"\\\"commit\\\"\"");
        Path v4 = compile();
        AutoResult renamed = apply("4 renames", v4,
                c -> c.url(fkUrl()).renames(List.of("group.from=where", "transaction=commit")));
        assertThat(changelog(renamed)).contains("alter table \"group\" rename column \"from\" to \"where\"",
                "alter table \"transaction\" rename to \"commit\"");
        assertThat(RowDigest.of(db, "select * from \"commit\" order by id")).isEqualTo(transactions);
        assertThat(RowDigest.of(db, "select id, \"order\", \"select\", \"where\" from \"group\" order by id"))
                .isEqualTo(groups);

        // 5. roll back the renames and the rebuild (its reverse rebuild), then apply them again
        int renameChangesets = renamed.applied().size();
        int rebuildChangesets = rebuilt.applied().size();
        // the last two migrations: the renames' file and the rebuild's
        RollbackResult back = engine(v4, c -> c.url(fkUrl())).rollback(2);
        assertThat(back.rolledBack()).hasSize(renameChangesets + rebuildChangesets);
        assertThat(columnType("group", "select")).isEqualToIgnoringCase("varchar(40)");
        assertThat(RowDigest.of(db, "select id, \"order\", \"select\", \"from\" from \"group\" order by id")).isEqualTo(groups);
        assertThat(RowDigest.of(db, "select * from \"transaction\" order by id")).isEqualTo(transactions);
        assertThat(app.query("select * from pragma_foreign_key_check")).isEmpty();
        ApplyResult again = engine(v4, c -> c.url(fkUrl())).apply(null);
        assertThat(again.applied()).hasSize(renameChangesets + rebuildChangesets);
        assertThat(again.verified()).isTrue();
        assertThat(engine(v4, c -> c).auto().status()).isEqualTo(RunStatus.NO_CHANGES);
        assertThat(RowDigest.of(db, "select * from \"commit\" order by id")).isEqualTo(transactions);

        // 6. drop column "values" and table "limit"
        fields.removeField("Transaction", "Integer values;");
        model.remove("Limit");
        AutoResult dropped = apply("6 drops", compile(), c -> c.url(fkUrl()).allowDestructive(true));
        assertThat(changelog(dropped)).contains("alter table \"commit\" drop column \"values\"", "drop table \"limit\"");
        assertThat(app.query("select count(*) from sqlite_master where name = 'limit'")).containsExactly(List.of(0));

        // the end: Hibernate accepts the database; SQLite finds nothing wrong; every run recorded
        Path last = tmp.resolve("classes/v" + compiled);
        CompiledModelValidate.validate(db, last);
        assertThat(app.query("pragma integrity_check")).containsExactly(List.of("ok"));
        assertThat(app.query("select * from pragma_foreign_key_check")).isEmpty();
        assertThat(count("group")).isEqualTo(GROUPS);
        assertThat(count("commit")).isEqualTo(TRANSACTIONS);
        assertThat(app.query("select name from sqlite_master where name like '%automigrate_new%'")).isEmpty();
        HistoryResult history = engine(last, c -> c).history(0);
        assertThat(history.entries()).hasSize(7).allMatch(HistoryEntry::succeeded);
        String report = MarkdownReport.render(engine(last, c -> c).report());
        assertThat(report).contains("None: the database matches the model.", "bigint group FK",
                "varchar(80) select");
    }

    /** A keyword left unquoted in the mapping stops the run with the fix, and changes nothing. */
    @Test
    void anUnquotedKeywordInTheMappingStopsWithTheFixAndChangesNothing() throws Exception {
        Project unquoted = new Project(Files.createDirectories(tmp.resolve("unquoted")));
        unquoted.execute("create table other (id integer primary key, name varchar(20))", "insert into other values (1, 'a')");
        String before = DbChecksum.ofFile(unquoted.db);
        MigrateException e = catchThrowableOfType(MigrateException.class, () -> unquoted.engine("unquoted").auto());
        assertThat(e.code()).isEqualTo(ErrorCode.MODEL);
        assertThat(e.getMessage()).contains("near \"group\": syntax error", "'group' is an SQLite keyword",
                "@Table(name = \"\\\"group\\\"\")");
        assertThat(DbChecksum.ofFile(unquoted.db)).isEqualTo(before);
        assertThat(unquoted.changeFiles()).isEmpty();
        assertThat(unquoted.backups()).isEmpty();
    }

    // --- the model ---------------------------------------------------------------------------------

    private void entity(String name, String table, String... entityFields) {
        model.entity(name, table, entityFields);
    }

    private Path compile() {
        return model.compile(tmp.resolve("classes/v" + (++compiled)));
    }

    // --- running the engine ------------------------------------------------------------------------

    private String fkUrl() {
        return "jdbc:sqlite:" + db + "?foreign_keys=true";
    }

    private Engine engine(Path classes, UnaryOperator<EngineConfig.Builder> customize) {
        return new Engine(customize.apply(EngineConfig.builder(project).scanRoots(List.of(classes))
                .classpath(List.of(classes)).url("jdbc:sqlite:" + db)).build(), listener);
    }

    /** Runs {@code auto}, which must apply and verify a change; a second run must find nothing to do. */
    private AutoResult apply(String step, Path classes, UnaryOperator<EngineConfig.Builder> customize) throws Exception {
        AutoResult result = engine(classes, customize).auto();
        System.out.printf("step %s: %s in %d ms%n", step, result.status(), result.elapsed().toMillis());
        result.changes().forEach(c -> System.out.println("   [" + c.safety() + "] " + c.description()));
        assertThat(result.status()).as(step).isEqualTo(RunStatus.APPLIED);
        assertThat(result.verified()).as(step).isTrue();
        assertThat(engine(classes, c -> c).auto().status()).as(step + ": a second run").isEqualTo(RunStatus.NO_CHANGES);
        return result;
    }

    /** The SQL the run wrote into its changeset, statement by statement (YAML escapes the quotes in the file). */
    private static String changelog(AutoResult result) {
        return String.join("\n", result.changes().stream().flatMap(c -> c.sql().stream()).toList());
    }

    // --- data --------------------------------------------------------------------------------------

    private void fill() throws Exception {
        try (Connection c = app.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into \"group\" (id, \"order\", \"select\") values (?, ?, ?)")) {
                for (int i = 1; i <= GROUPS; i++) {
                    ps.setInt(1, i);
                    ps.setInt(2, i * 3);
                    ps.setString(3, i % 5 == 0 ? null : "select " + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into \"transaction\" (id, \"group\", \"values\") values (?, ?, ?)")) {
                for (int i = 1; i <= TRANSACTIONS; i++) {
                    ps.setInt(1, i);
                    ps.setInt(2, 1 + i % GROUPS);
                    ps.setInt(3, i * 7);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.execute("insert into \"limit\" (\"check\") values ('a'), ('b')");
            }
            c.commit();
        }
    }

    private long count(String table) throws Exception {
        return ((Number) app.query("select count(*) from \"" + table + "\"").get(0).get(0)).longValue();
    }

    private String columnType(String table, String column) throws Exception {
        return (String) app.query("select type from pragma_table_info('" + table + "') where name = '" + column + "'")
                .get(0).get(0);
    }
}
