package org.automigrate.engine.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import liquibase.change.Change;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RawSQLChange;
import org.automigrate.engine.diff.SchemaComparer;
import org.automigrate.engine.diff.TypeChanges;
import org.automigrate.engine.schema.DesiredSchema;
import org.junit.jupiter.api.Test;

/** Pending changesets classified by what they drop of the data the database holds. */
class PendingDropsTest {
    private final PendingDrops drops = new PendingDrops(DesiredSchema.build(List.of(
            "create table customer (id integer primary key, name varchar(100), note text)",
            "create table region (id integer primary key)")), TypeChanges::narrows, SchemaComparer::normalizedType);

    private static Change sql(String... statements) {
        RawSQLChange change = new RawSQLChange();
        change.setSql(String.join(";\n", statements));
        return change;
    }

    @Test
    void liquibaseChangeTypesThatDropOrNarrow() {
        DropTableChange table = new DropTableChange();
        table.setTableName("REGION");
        DropColumnChange column = new DropColumnChange();
        column.setTableName("customer");
        column.setColumnName("note");
        ModifyDataTypeChange type = new ModifyDataTypeChange();
        type.setTableName("customer");
        type.setColumnName("name");
        type.setNewDataType("varchar(30)");

        assertThat(drops.of(List.of(table, column, type))).containsExactly("drop table region",
                "drop column customer.note", "narrow customer.name from varchar(100) to varchar(30)");
    }

    @Test
    void theSameWrittenAsSql() {
        assertThat(drops.of(List.of(sql("DROP TABLE IF EXISTS \"region\"", "alter table public.customer drop column note",
                "ALTER TABLE customer ALTER COLUMN name TYPE VARCHAR(30) USING (name::VARCHAR(30))"))))
                .containsExactly("drop table region", "drop column customer.note",
                        "narrow customer.name from varchar(100) to varchar(30)");
        assertThat(drops.of(List.of(sql("ALTER TABLE `customer` MODIFY `name` varchar(20) NOT NULL"))))
                .containsExactly("narrow customer.name from varchar(100) to varchar(20)");
    }

    @Test
    void aSqliteRebuildDropsWhatItsNewTableLacks() {
        List<String> rebuild = Arrays.asList("PRAGMA foreign_keys = OFF", "BEGIN",
                "CREATE TABLE customer__automigrate_new (\n    id integer primary key,\n    name varchar(30) not null\n)",
                "INSERT INTO customer__automigrate_new (id, name)\nSELECT id, name\nFROM customer",
                "DROP TABLE customer", "ALTER TABLE customer__automigrate_new RENAME TO customer", "COMMIT");
        assertThat(drops.of(List.of(sql(rebuild.toArray(String[]::new))))).containsExactly(
                "narrow customer.name from varchar(100) to varchar(30)", "drop column customer.note");
    }

    @Test
    void changesThatKeepEveryValueDropNothing() {
        assertThat(drops.of(List.of(sql("CREATE TABLE customer__automigrate_new (id integer primary key, "
                        + "name varchar(200), note text, phone varchar(20))", "DROP TABLE customer",
                "ALTER TABLE customer__automigrate_new RENAME TO customer", "DROP TABLE automigrate_check",
                "ALTER TABLE customer DROP CONSTRAINT uk_name", "alter table customer add column phone varchar(20)",
                "ALTER TABLE customer ALTER COLUMN name TYPE varchar(200)", "drop table not_here",
                "insert into region (id) values (1)")))).isEmpty();
    }
}
