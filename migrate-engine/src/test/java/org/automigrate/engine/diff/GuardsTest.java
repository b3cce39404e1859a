package org.automigrate.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbTable;
import org.junit.jupiter.api.Test;

/** Rename hints where a change looks like a rename, none elsewhere, and refusals that name the real reason. */
class GuardsTest {

    /** A table from {@code "name type"} column specs; the first is the key. */
    private static DbTable table(String name, List<List<String>> uniques, String... columns) {
        List<DbColumn> list = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            String[] spec = columns[i].split(" ");
            list.add(new DbColumn(spec[0], spec[1], i == 0, null, i == 0 ? 1 : 0, List.of(), columns[i]));
        }
        return new DbTable(name, "create table " + name, list, List.of(list.get(0).name()), List.of(), uniques,
                List.of(), List.of(), List.of());
    }

    private static SchemaDiff guarded(List<SchemaChange> changes) {
        return Guards.destructive(false).process(Guards.renameHints().process(SchemaDiff.of(changes)));
    }

    @Test
    void aColumnRenamedInsideAUniqueConstraintGetsItsOwnHint() {
        DbTable live = table("operation", List.of(List.of("code", "label")), "id integer", "code varchar(10)", "label varchar(50)");
        DbTable desired = table("operation", List.of(List.of("code", "title")), "id integer", "code varchar(10)", "title varchar(50)");
        SchemaDiff diff = guarded(List.of(new SchemaChange.AlterTable(desired, live, List.of("drop unique constraint (code, label)",
                "add unique constraint (code, title)", "add column title", "drop column label"), true)));

        assertThat(diff.hints()).containsExactly("Was operation.label renamed to title? Then set "
                + "-Dmigrate.renames=operation.label=title (or <renames> in the plugin configuration) to keep its data.");
        assertThat(diff.blockers()).singleElement().extracting(SchemaDiff.Blocker::message).asString()
                .startsWith("The model drops data: alter table operation:").contains("-Dmigrate.renames=operation.label=title");
    }

    @Test
    void aTableRenamedWithTheSameColumnsIsPairedWithItsCounterpartAmongOthers() {
        SchemaDiff diff = guarded(List.of(
                new SchemaChange.DropTable(table("operation_label", List.of(), "id bigint", "label varchar(50)", "operation_id bigint")),
                new SchemaChange.DropTable(table("audit", List.of(), "id bigint", "note text")),
                new SchemaChange.CreateTable(table("rel_operation__label", List.of(), "id bigint", "operation_id bigint", "label varchar(50)")),
                new SchemaChange.CreateTable(table("region", List.of(), "id bigint", "name varchar(20)"))));

        assertThat(diff.hints()).containsExactly("Was table operation_label renamed to rel_operation__label? Then set "
                + "-Dmigrate.renames=operation_label=rel_operation__label (or <renames>) to keep its rows.");
    }

    @Test
    void droppingATableWithNoCounterpartGetsNoRenameHint() {
        SchemaDiff diff = guarded(List.of(
                new SchemaChange.DropTable(table("audit", List.of(), "id bigint", "note text")),
                new SchemaChange.CreateTable(table("region", List.of(), "id bigint", "name varchar(20)"))));

        assertThat(diff.hints()).isEmpty();
        assertThat(diff.blockers()).singleElement().satisfies(b -> {
            assertThat(b.code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED);
            assertThat(b.message()).startsWith("The model drops data: drop table audit.").doesNotContain("renamed", "renames");
        });
    }

    @Test
    void narrowingIsCalledNarrowingAndGetsNoRenameHint() {
        DbTable live = table("product", List.of(), "id integer", "name varchar(40)");
        DbTable desired = table("product", List.of(), "id integer", "name varchar(30)");
        SchemaDiff diff = guarded(List.of(new SchemaChange.AlterTable(desired, live,
                List.of("column name type varchar(40) -> varchar(30) (narrowing: values may not fit)"), true)));

        assertThat(diff.hints()).isEmpty();
        assertThat(diff.blockers()).singleElement().extracting(SchemaDiff.Blocker::message).asString()
                .startsWith("The model narrows a column (values that do not fit would be cut): alter table product: "
                        + "column name type varchar(40) -> varchar(30)")
                .doesNotContain("drops data", "renamed", "renames");
        SchemaDiff server = Guards.destructive(false).process(SchemaDiff.of(List.of(new SchemaChange.AlterColumn(
                desired, live, desired.columns().get(1), live.columns().get(1), true, false, false, false, false, true,
                null))));
        assertThat(server.blockers()).singleElement().extracting(SchemaDiff.Blocker::message).asString()
                .startsWith("The model narrows a column");
    }

    @Test
    void aColumnDroppedWithoutAnyAddedGetsNoRenameHint() {
        DbTable live = table("customer", List.of(), "id integer", "note text");
        SchemaDiff diff = guarded(List.of(new SchemaChange.DropColumn(live, live.columns().get(1))));

        assertThat(diff.hints()).isEmpty();
        assertThat(diff.blockers()).singleElement().extracting(SchemaDiff.Blocker::message).asString()
                .startsWith("The model drops data: drop column customer.note.").doesNotContain("renames");
    }
}
