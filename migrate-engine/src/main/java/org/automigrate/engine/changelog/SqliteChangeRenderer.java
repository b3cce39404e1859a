package org.automigrate.engine.changelog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.schema.CreateTableSql;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbIndex;
import org.automigrate.engine.schema.DbTable;

/**
 * Writes SQLite SQL for each change. New tables and indexes are created with the model's DDL exactly
 * as Hibernate wrote it (read back from the shadow database), so a created table is identical to the
 * model's. Only statements SQLite runs natively are used: none of Liquibase's SQLite change types,
 * which lose data (see the stack findings).
 */
public final class SqliteChangeRenderer {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

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
            return new RenderedChange(change, createStatements(t), List.of("drop table " + id(t.name())), List.of());
        }
        if (change instanceof SchemaChange.AddColumn add) {
            String sql = "alter table " + id(add.table()) + " add column " + add.column().definition()
                    + references(add.foreignKey());
            List<String> rollback = add.foreignKey() == null
                    ? List.of("alter table " + id(add.table()) + " drop column " + id(add.column().name()))
                    : null; // SQLite cannot drop a column that is part of a foreign key
            return new RenderedChange(change, List.of(sql), rollback, List.of());
        }
        if (change instanceof SchemaChange.CreateIndex create) {
            return new RenderedChange(change, List.of(create.index().sql()),
                    List.of("drop index " + id(create.index().name())), List.of());
        }
        if (change instanceof SchemaChange.DropIndex drop) {
            DbIndex index = drop.index();
            return new RenderedChange(change, List.of("drop index " + id(index.name())),
                    index.sql() == null ? null : List.of(index.sql()), List.of());
        }
        if (change instanceof SchemaChange.DropColumn drop) {
            return new RenderedChange(change, List.of("alter table " + id(drop.table()) + " drop column "
                    + id(drop.column().name())), null, List.of());
        }
        if (change instanceof SchemaChange.DropTable drop) {
            return new RenderedChange(change, List.of("drop table " + id(drop.table())), null, List.of());
        }
        if (change instanceof SchemaChange.RecreateEmptyTable recreate) {
            List<String> sql = new ArrayList<>();
            sql.add("drop table " + id(recreate.table()));
            sql.addAll(createStatements(recreate.desired()));
            return new RenderedChange(change, sql, null, List.of(recreate.table()));
        }
        throw new IllegalStateException("No SQLite SQL for " + change.description()
                + ": it should have been stopped by the planner");
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

    /** An identifier, quoted only when it needs to be. */
    static String id(String name) {
        return PLAIN.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
    }
}
