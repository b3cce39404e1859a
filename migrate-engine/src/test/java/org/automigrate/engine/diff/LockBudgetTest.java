package org.automigrate.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbTable;
import org.junit.jupiter.api.Test;

/** The PostgreSQL lock budget: a plan that would fill half the server's shared lock table stops, naming the setting. */
class LockBudgetTest {

    /** A table with an identity key, a text column (a TOAST table and its index) and a unique constraint: 6 locks. */
    private static DbTable table(int i) {
        List<DbColumn> columns = List.of(
                new DbColumn("id", "bigint", true, null, 1, List.of(), "id bigint", DbColumn.IDENTITY),
                new DbColumn("name", "character varying(255)", false, null, 0, List.of(), "name varchar"));
        return new DbTable("t" + i, null, columns, List.of("id"), List.of(), List.of(List.of("name")), List.of(),
                List.of(), List.of());
    }

    private static SchemaDiff creating(int tables) {
        List<SchemaChange> changes = new ArrayList<>();
        for (int i = 0; i < tables; i++) {
            changes.add(new SchemaChange.CreateTable(table(i)));
        }
        return SchemaDiff.of(changes);
    }

    @Test
    void countsEachCreatedTableWithItsIndexesSequenceAndToast() {
        assertThat(LockBudget.estimate(creating(10))).isEqualTo(60);
    }

    @Test
    void aPlanWithinHalfTheLockTableGoesOn() {
        // PostgreSQL's defaults: 64 locks x 100 connections; 500 tables need about 3,000
        assertThat(new LockBudget(64, 100, 0).process(creating(500)).blockers()).isEmpty();
    }

    @Test
    void aPlanBeyondHalfTheLockTableStopsWithTheSettingToRaise() {
        SchemaDiff diff = new LockBudget(64, 100, 0).process(creating(1_000));

        assertThat(diff.blockers()).singleElement().satisfies(b -> {
            assertThat(b.code()).isEqualTo(ErrorCode.TOO_MANY_TABLES);
            assertThat(b.message()).contains("about 6,000 locks", "6,400 = max_locks_per_transaction 64 x 100 sessions",
                    "out of shared memory", "Raise max_locks_per_transaction to at least 120", "Nothing was changed");
        });
    }

    @Test
    void pendingChangesetsCountToo() {
        assertThat(new LockBudget(64, 100, 1_600).process(creating(10)).blockers()).hasSize(1);
    }
}
