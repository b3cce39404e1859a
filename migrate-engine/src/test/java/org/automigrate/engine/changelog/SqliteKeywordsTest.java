package org.automigrate.engine.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbTable;
import org.automigrate.engine.schema.SqliteSchemaReader;
import org.junit.jupiter.api.Test;

/**
 * SQL written for tables and columns named with SQLite's keywords: quoted where SQLite needs it and only
 * there (golden text), and accepted by SQLite for every one of its keywords.
 */
class SqliteKeywordsTest {
    private static final String GROUP_SQL = "CREATE TABLE \"group\" (id integer, \"order\" integer not null, "
            + "\"select\" varchar(40), primary key (id))";

    @Test
    void quotesKeywordsAndNamesThatAreNotPlainWordsOnly() {
        assertThat(List.of("group", "Order", "customer", "from_date", "where", "first name", "2fa", "index", "key"))
                .map(SqliteSchemaReader::identifier)
                .containsExactly("\"group\"", "\"Order\"", "customer", "from_date", "\"where\"", "\"first name\"",
                        "\"2fa\"", "\"index\"", "\"key\"");
    }

    @Test
    void rendersGoldenSqlForATableOfKeywords() {
        DbTable group = table(GROUP_SQL, "group", "order", "select");
        DbColumn from = new DbColumn("from", "varchar(30)", false, null, 0, List.of(), "\"from\" varchar(30)");
        DbForeignKey toLimit = new DbForeignKey(List.of("limit"), "limit", List.of("id"), "CASCADE", "NO ACTION");
        DbColumn limit = new DbColumn("limit", "bigint", false, null, 0, List.of(), "\"limit\" bigint");
        DbTable wider = table(GROUP_SQL.replace("varchar(40)", "varchar(80)"), "group", "order", "select");
        List<RenderedChange> rendered = SqliteChangeRenderer.render(List.of(
                new SchemaChange.AddColumn(group, group, from, null),
                new SchemaChange.AddColumn(group, group, limit, toLimit),
                new SchemaChange.RenameColumn("group", "from", "where"),
                new SchemaChange.RenameTable("transaction", "commit"),
                new SchemaChange.DropColumn(group, from),
                new SchemaChange.DropTable(table("CREATE TABLE \"limit\" (id integer)", "limit")),
                new SchemaChange.RebuildTable(wider, group, List.of("column select type varchar(40) -> varchar(80)"),
                        List.of("id", "order", "select"), List.of("id", "\"order\"", "\"select\""), List.of("transaction"),
                        Safety.SAFE)));
        assertThat(rendered.subList(0, 6)).extracting(RenderedChange::sql).containsExactly(
                List.of("alter table \"group\" add column \"from\" varchar(30)"),
                List.of("alter table \"group\" add column \"limit\" bigint references \"limit\" (id) on delete cascade"),
                List.of("alter table \"group\" rename column \"from\" to \"where\""),
                List.of("alter table \"transaction\" rename to \"commit\""),
                List.of("alter table \"group\" drop column \"from\""),
                List.of("drop table \"limit\""));
        assertThat(rendered.subList(0, 4)).extracting(RenderedChange::rollback).containsExactly(
                List.of("alter table \"group\" drop column \"from\""),
                List.of("alter table \"group\" drop column \"limit\""),
                List.of("alter table \"group\" rename column \"where\" to \"from\""),
                List.of("alter table \"commit\" rename to \"transaction\""));
        assertThat(String.join(";\n", rendered.get(6).sql())).isEqualTo("""
                PRAGMA foreign_keys = OFF;
                BEGIN;
                CREATE TABLE group__automigrate_new (
                    id integer,
                    "order" integer not null,
                    "select" varchar(80),
                    primary key (id)
                );
                INSERT INTO group__automigrate_new (id, "order", "select")
                SELECT id, "order", "select"
                FROM "group";
                DROP TABLE "group";
                ALTER TABLE group__automigrate_new RENAME TO "group";
                CREATE TEMP TABLE automigrate_check (problems integer CHECK (problems = 0));
                INSERT INTO automigrate_check SELECT count(*) FROM pragma_foreign_key_check('group');
                INSERT INTO automigrate_check SELECT count(*) FROM pragma_foreign_key_check('transaction');
                INSERT INTO automigrate_check SELECT count(*) FROM pragma_quick_check('group') WHERE quick_check <> 'ok';
                DROP TABLE automigrate_check;
                COMMIT;
                PRAGMA foreign_keys = ON""");
        assertThat(String.join(";\n", rendered.get(6).rollback())).contains(
                "CREATE TABLE group__automigrate_new (", "\"select\" varchar(40)",
                "INSERT INTO group__automigrate_new (id, \"order\", \"select\")\nSELECT id, \"order\", \"select\"\nFROM \"group\"");
    }

    /** Every statement the renderer writes, run on SQLite for a table and a column named after each keyword. */
    @Test
    void sqliteRunsTheRenderedSqlForEveryKeyword() throws Exception {
        assertThat(SqliteSchemaReader.keywords()).hasSizeGreaterThan(140)
                .contains("GROUP", "ORDER", "SELECT", "FROM", "RETURNING", "MATERIALIZED", "KEY", "TEMP");
        for (String keyword : SqliteSchemaReader.keywords()) {
            String k = keyword.toLowerCase(java.util.Locale.ROOT);
            String q = SqliteSchemaReader.quote(k);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                String create = "CREATE TABLE " + q + " (id integer, " + q + " varchar(10), other integer, primary key (id))";
                run(c, List.of(create, "CREATE TABLE child (id integer primary key, parent integer references " + q + ")",
                        "insert into " + q + " values (1, 'kept', 2)", "insert into child values (1, 1)"));
                DbTable live = read(c, k);
                DbTable desired = table(create.replace("varchar(10)", "varchar(20)"), k, k, "other");
                DbColumn added = new DbColumn("extra", "integer", false, null, 0, List.of(), "extra integer");
                DbForeignKey fk = new DbForeignKey(List.of("extra"), k, List.of("id"), "NO ACTION", "NO ACTION");
                for (SchemaChange change : List.of(
                        new SchemaChange.AddColumn(live, live, added, fk),
                        new SchemaChange.RenameColumn(k, k, "renamed"),
                        new SchemaChange.RenameColumn(k, "renamed", k),
                        new SchemaChange.RenameTable(k, "renamed_table"),
                        new SchemaChange.RenameTable("renamed_table", k),
                        new SchemaChange.DropColumn(live, added))) {
                    RenderedChange r = SqliteChangeRenderer.render(change);
                    run(c, r.sql());
                    if (r.rollback() != null && change instanceof SchemaChange.AddColumn) {
                        run(c, r.rollback());
                        run(c, r.sql());
                    }
                }
                RenderedChange rebuild = SqliteChangeRenderer.render(new SchemaChange.RebuildTable(desired, read(c, k),
                        List.of("wider"), List.of("id", k, "other"),
                        List.of("id", SqliteSchemaReader.identifier(k), "other"), List.of("child"), Safety.SAFE));
                run(c, rebuild.sql());
                assertThat(query(c, "select type from pragma_table_info('" + k.replace("'", "''") + "') where name = '"
                        + k + "'")).as(k).isEqualTo("varchar(20)");
                run(c, rebuild.rollback());
                assertThat(query(c, "select " + q + " || other from " + q)).as(k).isEqualTo("kept2");
                run(c, SqliteChangeRenderer.render(new SchemaChange.DropTable(read(c, "child"))).sql());
                run(c, SqliteChangeRenderer.render(new SchemaChange.DropTable(read(c, k))).sql());
                assertThat(query(c, "select count(*) from sqlite_master")).as(k).isEqualTo("0");
            } catch (SQLException e) {
                throw new AssertionError("keyword " + keyword + ": " + e.getMessage(), e);
            }
        }
    }

    private static DbTable table(String sql, String name, String... more) {
        List<DbColumn> columns = new ArrayList<>();
        columns.add(new DbColumn("id", "integer", false, null, 1, List.of(), "id integer"));
        for (String column : more) {
            columns.add(new DbColumn(column, "varchar(40)", false, null, 0, List.of(), SqliteSchemaReader.quote(column)));
        }
        return new DbTable(name, sql, columns, List.of("id"), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static DbTable read(Connection c, String table) throws SQLException {
        return SqliteSchemaReader.read(c, table::equals, false).table(table).orElseThrow();
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
