package org.automigrate.engine.diff;

import java.util.Locale;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbTable;

/**
 * PostgreSQL: a run is one transaction, and every table, index and sequence it creates or alters stays locked
 * until it commits. The server keeps all sessions' locks in one shared table of fixed size
 * ({@code max_locks_per_transaction × (max_connections + max_prepared_transactions)}); a transaction that fills
 * it makes every other session's next lock fail with {@code out of shared memory}: the application's queries,
 * while the migration runs. (Seen in this project's own benchmark: creating 1,000 tables in one transaction made
 * other sessions on the server fail.) A plan whose estimate exceeds half of the table stops before anything
 * runs, with the setting to raise.
 */
public final class LockBudget implements DiffProcessor {
    private final long maxLocksPerTransaction;
    private final long sessions;
    private final int pendingChangesets;

    /**
     * @param maxLocksPerTransaction the server's {@code max_locks_per_transaction}
     * @param sessions               its {@code max_connections + max_prepared_transactions}
     * @param pendingChangesets      changesets that run in the same transaction before the new ones
     */
    public LockBudget(long maxLocksPerTransaction, long sessions, int pendingChangesets) {
        this.maxLocksPerTransaction = maxLocksPerTransaction;
        this.sessions = sessions;
        this.pendingChangesets = pendingChangesets;
    }

    @Override
    public SchemaDiff process(SchemaDiff diff) {
        long capacity = maxLocksPerTransaction * sessions;
        long estimate = estimate(diff) + 2L * pendingChangesets;
        if (capacity <= 0 || estimate <= capacity / 2) {
            return diff;
        }
        long needed = (2 * estimate + sessions - 1) / sessions;
        return diff.withBlocker(new SchemaDiff.Blocker(ErrorCode.TOO_MANY_TABLES, String.format(Locale.ROOT,
                "This run would hold about %,d locks in its one transaction (every table, index and sequence it "
                        + "creates or alters stays locked until it commits), more than half of PostgreSQL's shared "
                        + "lock table (%,d = max_locks_per_transaction %,d x %,d sessions). While it ran, other "
                        + "sessions on the server, your application among them, could fail with 'out of shared "
                        + "memory'. Raise max_locks_per_transaction to at least %,d (postgresql.conf or ALTER SYSTEM; "
                        + "it takes a restart), or change fewer tables per run. Nothing was changed.",
                estimate, capacity, maxLocksPerTransaction, sessions, needed)));
    }

    /** The locks the plan's changes hold until the run commits (an estimate erring on the high side). */
    public static long estimate(SchemaDiff diff) {
        long locks = 0;
        for (SchemaChange change : diff.changes()) {
            if (change instanceof SchemaChange.CreateTable create) {
                locks += relations(create.desired());
            } else if (change instanceof SchemaChange.AlterColumn alter && alter.type()) {
                locks += relations(alter.live()); // a new type rewrites the table and rebuilds its indexes
            } else {
                locks += 2;
            }
        }
        return locks;
    }

    /** A table with its primary key, unique and plain indexes, identity sequences and TOAST table and index. */
    private static long relations(DbTable table) {
        long locks = 1 + (table.primaryKey().isEmpty() ? 0 : 1) + table.uniques().size() + table.indexes().size();
        locks += table.columns().stream().filter(DbColumn::isGenerated).count();
        boolean toast = table.columns().stream().anyMatch(c -> {
            String type = c.type() == null ? "" : c.type().toLowerCase(Locale.ROOT);
            return type.contains("char") || type.contains("text") || type.contains("bytea") || type.contains("json")
                    || type.contains("numeric");
        });
        return locks + (toast ? 2 : 0);
    }
}
