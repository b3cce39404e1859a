package org.automigrate.engine.changelog;

import java.util.ArrayList;
import java.util.List;

import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.schema.CreateTableSql;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbIndex;
import org.automigrate.engine.schema.DbTable;
import org.automigrate.engine.schema.SqliteSchemaReader;

/**
 * Writes SQLite SQL for each change. New tables and indexes are created with the model's DDL exactly
 * as Hibernate wrote it (read back from the shadow database), so a created table is identical to the
 * model's. Only statements SQLite runs natively are used: none of Liquibase's SQLite change types,
 * which lose data (see the stack findings).
 */
public final class SqliteChangeRenderer {
    private SqliteChangeRenderer() {
    }

    public static List<RenderedChange> render(List<SchemaChange> changes) {
        List<RenderedChange> rendered = new ArrayList<>();
        for (SchemaChange change : changes) {
            rendered.add(render(change));
        }
        return rendered;
    }

    public static RenderedChange render(SchemaChange change) {
        if (change instanceof SchemaChange.CreateTable create) {
            DbTable t = create.desired();
            return new RenderedChange(change, createStatements(t), List.of("drop table " + id(t.name())), true);
        }
        if (change instanceof SchemaChange.AddColumn add) {
            String sql = "alter table " + id(add.table()) + " add column " + add.column().definition()
                    + references(add.foreignKey());
            // SQLite drops a column with its own column-level REFERENCES (not one named by a table constraint)
            List<String> rollback = List.of("alter table " + id(add.table()) + " drop column " + id(add.column().name()));
            return new RenderedChange(change, List.of(sql), rollback, true);
        }
        if (change instanceof SchemaChange.CreateIndex create) {
            return new RenderedChange(change, List.of(create.index().sql()),
                    List.of("drop index " + id(create.index().name())), true);
        }
        if (change instanceof SchemaChange.DropIndex drop) {
            DbIndex index = drop.index();
            return new RenderedChange(change, List.of("drop index " + id(index.name())),
                    index.sql() == null ? null : List.of(index.sql()), true);
        }
        if (change instanceof SchemaChange.DropColumn drop) {
            return new RenderedChange(change, List.of("alter table " + id(drop.table()) + " drop column "
                    + id(drop.column().name())), null, true);
        }
        if (change instanceof SchemaChange.DropTable drop) {
            return new RenderedChange(change, List.of("drop table " + id(drop.table())), null, true);
        }
        if (change instanceof SchemaChange.RenameColumn rename) {
            String table = id(rename.table());
            return new RenderedChange(change, List.of("alter table " + table + " rename column " + id(rename.from())
                    + " to " + id(rename.to())), List.of("alter table " + table + " rename column "
                    + id(rename.to()) + " to " + id(rename.from())), true);
        }
        if (change instanceof SchemaChange.RenameTable rename) {
            return new RenderedChange(change, List.of("alter table " + id(rename.from()) + " rename to "
                    + id(rename.to())), List.of("alter table " + id(rename.to()) + " rename to " + id(rename.from())),
                    true);
        }
        if (change instanceof SchemaChange.RebuildTable rebuild) {
            return new RenderedChange(change, rebuildStatements(rebuild.desired(), rebuild.live().name(),
                    rebuild.columns(), rebuild.sources(), rebuild.children()), reverse(rebuild), false);
        }
        throw new IllegalStateException("No SQLite SQL for " + change.description()
                + ": it should have been stopped by the planner");
    }

    /**
     * SQLite's documented procedure for changes ALTER TABLE cannot make: with foreign keys off, in one
     * transaction, create the new table, copy the rows, drop the old table, rename the new one (this
     * order keeps the children's foreign keys pointing at the table), recreate the indexes, and check
     * foreign keys and integrity: a check that finds a problem fails the insert into a CHECK-guarded
     * scratch table, and with it the changeset.
     */
    static List<String> rebuildStatements(DbTable desired, String oldName, List<String> columns, List<String> sources,
                                          List<String> children) {
        String table = id(desired.name());
        String scratch = id(desired.name() + "__automigrate_new");
        List<String> sql = new ArrayList<>();
        sql.add("PRAGMA foreign_keys = OFF");
        sql.add("BEGIN");
        sql.add(CreateTableSql.multiLine(CreateTableSql.renamed(desired.sql(), scratch)));
        if (!columns.isEmpty()) {
            sql.add("INSERT INTO " + scratch + " (" + String.join(", ", columns.stream().map(SqliteChangeRenderer::id).toList())
                    + ")\nSELECT " + String.join(", ", sources) + "\nFROM " + id(oldName));
        }
        sql.add("DROP TABLE " + id(oldName));
        sql.add("ALTER TABLE " + scratch + " RENAME TO " + table);
        desired.indexes().forEach(i -> sql.add(i.sql()));
        sql.add("CREATE TEMP TABLE automigrate_check (problems integer CHECK (problems = 0))");
        List<String> checked = new ArrayList<>();
        checked.add(desired.name());
        checked.addAll(children);
        for (String t : checked) {
            sql.add("INSERT INTO automigrate_check SELECT count(*) FROM pragma_foreign_key_check('" + t.replace("'", "''") + "')");
        }
        sql.add("INSERT INTO automigrate_check SELECT count(*) FROM pragma_quick_check('"
                + desired.name().replace("'", "''") + "') WHERE quick_check <> 'ok'");
        sql.add("DROP TABLE automigrate_check");
        sql.add("COMMIT");
        sql.add("PRAGMA foreign_keys = ON");
        return sql;
    }

    /** The rebuild back to the old table, when no column (and so no data) is lost by the rebuild. */
    private static List<String> reverse(SchemaChange.RebuildTable rebuild) {
        DbTable live = rebuild.live();
        DbTable desired = rebuild.desired();
        if (live.columns().stream().anyMatch(c -> desired.column(c.name()).isEmpty())) {
            return null;
        }
        List<String> columns = live.columns().stream().map(c -> c.name()).toList();
        DbTable old = new DbTable(desired.name(), live.sql(), live.columns(), live.primaryKey(), live.foreignKeys(),
                live.uniques(), live.indexes(), live.checks(), List.of());
        return rebuildStatements(old, desired.name(), columns, columns.stream().map(SqliteChangeRenderer::id).toList(),
                rebuild.children());
    }

    private static List<String> createStatements(DbTable table) {
        List<String> sql = new ArrayList<>();
        sql.add(CreateTableSql.multiLine(table.sql()));
        table.indexes().forEach(i -> sql.add(i.sql()));
        sql.addAll(table.seedRows());
        return sql;
    }

    private static String references(DbForeignKey fk) {
        if (fk == null) {
            return "";
        }
        StringBuilder sql = new StringBuilder(" references ").append(id(fk.refTable()));
        if (!fk.refColumns().isEmpty() && !fk.refColumns().get(0).isEmpty()) {
            sql.append(" (").append(String.join(", ", fk.refColumns().stream().map(SqliteChangeRenderer::id).toList()))
                    .append(')');
        }
        if (fk.onDelete() != null && !fk.onDelete().equalsIgnoreCase("NO ACTION")) {
            sql.append(" on delete ").append(fk.onDelete().toLowerCase(java.util.Locale.ROOT));
        }
        return sql.toString();
    }

    static String id(String name) {
        return SqliteSchemaReader.identifier(name);
    }
}
