package org.automigrate.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.automigrate.engine.apply.AppliedChangesets;
import org.automigrate.engine.apply.ChangelogApplier;
import org.automigrate.engine.apply.ChangelogApplier.Command;
import org.automigrate.engine.apply.RunTransaction;
import org.automigrate.engine.backup.Backups;
import org.automigrate.engine.backup.SqliteBackup;
import org.automigrate.engine.changelog.ChangelogReader;
import org.automigrate.engine.changelog.ChangelogWriter;
import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.Jdbc;
import org.automigrate.engine.db.MigrationLock;
import org.automigrate.engine.db.RunLock;
import org.automigrate.engine.db.ServerLock;
import org.automigrate.engine.db.SqliteDatabase;
import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.diff.SchemaDiff;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.history.HistoryStore;

/**
 * One run of a goal that changes the database ({@code auto}, {@code apply}, {@code rollback}, {@code baseline},
 * {@code restore}). It holds the migration lock for its whole life and follows one rule: <b>a run only ever undoes
 * what it wrote itself</b>. It never restores a backup over the database on its own: between a backup and such a
 * restore the application may have written rows that exist nowhere else.
 *
 * <ul>
 *   <li><b>SQLite and PostgreSQL</b>: the changesets the run applies, their {@code DATABASECHANGELOG} rows, the
 *       verification and the run's history row are one transaction ({@link RunTransaction}). A failure rolls it
 *       back; a killed process leaves the database as it was before the run.</li>
 *   <li><b>MariaDB/MySQL</b> (DDL commits at once), and PostgreSQL when a pending changeset must run outside a
 *       transaction: changeset by changeset. A failure rolls back the changesets this run applied, newest first,
 *       with their rollback SQL; a run that cannot do that says exactly what stays applied and which backup holds
 *       the state before the run.</li>
 *   <li>Before it changes anything the run marks itself in the history ({@code APPLYING}, with the changesets
 *       it means to apply; {@code RESTORING} for a restore). A mark that a later run finds while it holds the lock
 *       belongs to a run that was killed: that run is recorded as {@code INTERRUPTED} with what it really
 *       applied, and its unfinished changesets stay pending for the next {@code auto} or {@code apply}.</li>
 * </ul>
 */
final class ChangeRun implements AutoCloseable {
    /** What the run has done to the database so far, which decides what a failure undoes. */
    private enum Phase {
        /** Nothing written to the database but the history mark. */
        PREPARING,
        /** Inside the run's transaction: a failure rolls it back. */
        IN_TRANSACTION,
        /** The run's transaction was rolled back: the database is as before the run. */
        ROLLED_BACK,
        /** Changeset by changeset: each applied one is committed. */
        STEPWISE,
        /** The run's outcome is in the database. */
        DONE
    }

    /** Compares the model with the database as the connection sees it (inside the run's transaction). */
    @FunctionalInterface
    interface Verification {
        SchemaDiff drift(Connection connection);
    }

    private final String goal;
    private final EngineConfig config;
    private final EngineListener listener;
    private final DatabaseTarget target;
    private final RunLock lock;
    private final Connections connections;
    private final Instant started = Instant.now();
    private final boolean existed;
    private final Backups backups;
    private Path backupFile;
    private ChangelogWriter.Written written;
    private ChangelogWriter writer;
    private final List<String> applied = new ArrayList<>();
    private Command command;
    /** The changesets the run works on ({@code file::id::author}), in the order it works on them. */
    private List<String> planned = List.of();
    private Long markId;
    private Phase phase = Phase.PREPARING;

    ChangeRun(String goal, EngineConfig config, EngineListener listener) {
        this.goal = goal;
        this.config = config;
        this.listener = listener;
        this.target = config.database();
        this.connections = new Connections(config);
        this.backups = connections.backups(listener);
        this.lock = connections.sqlite() ? MigrationLock.acquire(target.sqliteFile(), Engine.LOCK_WAIT, listener)
                : ServerLock.acquire(target, Engine.LOCK_WAIT, listener);
        try {
            if (connections.sqlite() && Files.exists(target.sqliteFile())) {
                SqliteDatabase.checkWritable(target); // also rolls back what a killed run left in the journal
            }
            recoverInterruptedRuns();
            this.existed = connections.exists();
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Whether the database existed (SQLite: its file; a server: a table) when the run started. */
    boolean existed() {
        return existed;
    }

    List<String> applied() {
        return applied;
    }

    Path backupFile() {
        return backupFile;
    }

    /** Checks that a backup can be written, before the run writes anything else. */
    void checkBackupPossible() {
        if (existed && config.backup().enabled() && backups.available()) {
            backups.checkWritable();
        }
    }

    /** Remembers a changelog file this run wrote, so that a failure removes it again. */
    void wrote(ChangelogWriter changelogWriter, ChangelogWriter.Written file) {
        this.writer = changelogWriter;
        this.written = file;
    }

    /**
     * Runs {@code work}, the goal's part of this run; when it fails, {@link #fail} undoes what the run wrote and
     * records the failure, and the exception it returns says what happened and what state the database is in.
     */
    <T> T guarded(String description, List<String> modelFiles, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw fail(e, description, modelFiles);
        }
    }

    /**
     * Backs the database up, marks the run, runs the Liquibase {@code command} ({@code count} changesets, or all),
     * verifies the result when {@code verification} is given, and records the run; returns its history id.
     */
    long apply(Command command, Integer count, String description, List<String> modelFiles,
               Verification verification) {
        this.command = command;
        takeBackup();
        planned = planned(command, count);
        Set<String> outside = outsideTransaction(command, planned);
        boolean sqlite = connections.sqlite();
        boolean atomic = sqlite || (target.kind() == DatabaseKind.POSTGRESQL && outside.isEmpty());
        if (!atomic && target.kind() == DatabaseKind.POSTGRESQL) {
            listener.warn("Changeset " + String.join(", ", outside) + " runs outside a transaction "
                    + "(runInTransaction: false), so this run applies changeset by changeset: a failure rolls back "
                    + "the changesets it applied with their rollback SQL. Keep such a changeset in a run of its own "
                    + "(mvn migrate:apply -Dmigrate.count=N).");
        }
        markId = mark(HistoryEntry.APPLYING, description, planned);
        long start = System.nanoTime();
        if (atomic) {
            phase = Phase.IN_TRANSACTION;
            try (RunTransaction transaction = RunTransaction.begin(connections.open(false), sqlite,
                    sqlite && !outside.isEmpty())) {
                Connection connection = transaction.connection();
                applied.addAll(ChangelogApplier.run(command, connection, target, config.changelog(), listener, count));
                reportApplied(start);
                if (verification != null) {
                    verify(verification, connection);
                }
                long id = outcome(connection, HistoryEntry.SUCCESS, description, applied, modelFiles, null);
                commit(transaction);
                phase = Phase.DONE;
                listener.step("Recorded run #" + id + " in the history");
                return id;
            } finally {
                if (phase == Phase.IN_TRANSACTION) {
                    phase = Phase.ROLLED_BACK;
                }
            }
        }
        phase = Phase.STEPWISE;
        applied.addAll(ChangelogApplier.run(command, connections.open(false), target, config.changelog(), listener,
                count));
        reportApplied(start);
        if (verification != null) {
            Connection connection = connections.open(true);
            try {
                verify(verification, connection);
            } finally {
                SqliteDatabase.closeQuietly(connection);
            }
        }
        long id = outcome(null, HistoryEntry.SUCCESS, description, applied, modelFiles, null);
        phase = Phase.DONE;
        listener.step("Recorded run #" + id + " in the history");
        return id;
    }

    /**
     * Replaces the database with {@code source}, which has been checked to be a complete backup of this kind of
     * database. The current state is backed up first (retention never removes {@code source} or that backup);
     * the history table is not replaced: it keeps every run, and records this one in the same step as the restore.
     */
    long restore(Path source) {
        String description = "Restore " + source;
        if (existed) {
            backupFile = backups.take(Set.of(source));
        }
        markId = mark(HistoryEntry.RESTORING, description, List.of());
        HistoryEntry outcome = new HistoryEntry(markId, started, Instant.now(), goal, HistoryEntry.SUCCESS, description,
                List.of(), List.of(), backupFile == null ? null : backupFile.toString(), null);
        phase = Phase.IN_TRANSACTION;
        backups.restore(source, new Backups.History(HistoryStore.TABLE, markId, outcome));
        phase = Phase.DONE;
        listener.step("Recorded run #" + markId + " in the history");
        return markId;
    }

    /** Ends a run that found nothing to do. */
    void nothingToDo() {
        phase = Phase.DONE;
    }

    /** Fails the run when the database does not match the model. */
    private void verify(Verification verification, Connection connection) {
        SchemaDiff remaining = verification.drift(connection);
        if (!remaining.isEmpty()) {
            throw new MigrateException(ErrorCode.DRIFT, "After applying, the database still differs from the "
                    + "model: " + remaining.changes().stream().map(SchemaChange::description)
                    .collect(Collectors.joining("; ")) + ".");
        }
        listener.step("Verified: the database matches the model");
    }

    private void reportApplied(long start) {
        String changesets = applied.size() + " changeset" + (applied.size() == 1 ? "" : "s");
        listener.step(switch (command) {
            case UPDATE -> "Applied " + changesets;
            case ROLLBACK -> "Rolled back " + changesets;
            case SYNC -> "Marked " + changesets + " as applied without running " + (applied.size() == 1 ? "it" : "them");
        } + " in " + Planning.since(start).toMillis() + " ms");
    }

    private static void commit(RunTransaction transaction) {
        try {
            transaction.commit();
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.APPLY_FAILED, "The run's transaction could not be committed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Undoes what the run wrote (its transaction; on MariaDB the changesets it applied; the changelog file it
     * wrote), records the failed run, and returns the exception that says what happened and what state the
     * database is in.
     */
    MigrateException fail(RuntimeException e, String description, List<String> modelFiles) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : target.scrub(e.getMessage());
        List<String> done = new ArrayList<>();
        boolean removed = false;
        switch (phase) {
            case PREPARING -> done.add("Nothing was changed in the database.");
            case ROLLED_BACK, IN_TRANSACTION -> {
                if (!existed && connections.sqlite() && onlyOurs()) {
                    deleteDatabaseFiles();
                    removed = true;
                    done.add("The new database file was removed.");
                } else {
                    done.add("Nothing was changed in the database: the run's transaction was rolled back.");
                }
                if (cause.contains("within a transaction")) {
                    done.add("SQLite runs a whole migration as one transaction: a statement that cannot run in a "
                            + "transaction (VACUUM) must be run outside the migration.");
                }
            }
            case STEPWISE -> done.add(undoStepwise());
            case DONE -> done.add("The run's changes had been committed before this failure and stay.");
        }
        if (written != null && phase != Phase.DONE) {
            try {
                writer.revert(written);
                done.add("The generated changelog " + written.logicalPath() + " was removed.");
            } catch (MigrateException revertFailure) {
                done.add(revertFailure.getMessage());
            }
        }
        if (!removed && (markId != null || phase != Phase.PREPARING)) { // a run that touched nothing leaves no trace
            try {
                long id = outcome(null, HistoryEntry.FAILED, description, applied, modelFiles, cause);
                done.add("The failed run is recorded as #" + id + " (mvn migrate:history).");
            } catch (RuntimeException historyFailure) {
                done.add("The failed run could not be recorded: " + target.scrub(historyFailure.getMessage()));
            }
        }
        phase = Phase.DONE;
        ErrorCode code = e instanceof MigrateException m ? m.code() : ErrorCode.INTERNAL;
        return new MigrateException(code == ErrorCode.INTERNAL ? ErrorCode.APPLY_FAILED : code,
                "Migration of " + target.maskedUrl() + " failed: " + cause + " " + String.join(" ", done), e);
    }

    /**
     * After a failure changeset by changeset: rolls back, newest first, the changesets this run applied, when each
     * has a rollback; otherwise says exactly what stays applied and which backup holds the state before the run.
     */
    private String undoStepwise() {
        Set<String> now = appliedKeys();
        List<String> mine = planned.stream().filter(now::contains).toList();
        if (command == Command.UPDATE) {
            applied.clear();
            applied.addAll(mine); // what stays applied unless it is rolled back below
        }
        String partial = command != Command.UPDATE ? ""
                : target.kind() == DatabaseKind.MARIADB ? " If the changeset that failed holds several statements, those "
                + "before the failing one stay applied (MariaDB/MySQL commit DDL at once): check them by hand."
                : " If the changeset that failed ran outside a transaction (runInTransaction: false), its statements "
                + "before the failing one stay applied: check them by hand.";
        String backup = backupFile == null ? " No backup was taken."
                : " The state before this run is in the backup " + backupFile + " (mvn migrate:restore "
                + "-Dmigrate.backupFile=" + backupFile.getFileName() + ", which replaces rows written since).";
        if (command != Command.UPDATE) {
            return "The run stopped part-way: " + describeState() + "." + backup;
        }
        if (mine.isEmpty()) {
            return "No changeset of this run had been applied." + partial;
        }
        List<String> irreversible = ChangelogReader.withoutRollback(config.changelog(), EngineListener.SILENT,
                new HashSet<>(mine));
        if (!irreversible.isEmpty()) {
            return "The changesets this run applied stay applied (" + String.join(", ", mine) + "): "
                    + String.join(", ", irreversible) + " cannot be rolled back." + partial + backup;
        }
        try {
            List<String> undone = ChangelogApplier.run(Command.ROLLBACK, connections.open(false), target,
                    config.changelog(), EngineListener.SILENT, mine.size());
            applied.removeAll(undone);
            return "The " + plural(undone.size(), "changeset") + " this run had applied "
                    + (undone.size() == 1 ? "was" : "were") + " rolled back with " + (undone.size() == 1 ? "its" : "their")
                    + " rollback SQL: " + String.join(", ", undone) + "." + partial;
        } catch (RuntimeException rollbackFailure) {
            return "Rolling back the changesets this run applied failed (" + target.scrub(rollbackFailure.getMessage())
                    + "): " + describeState() + "." + partial + backup;
        }
    }

    /** Which of the changesets the run meant to apply the database has recorded. */
    private String describeState() {
        Set<String> now = appliedKeys();
        List<String> in = planned.stream().filter(now::contains).toList();
        return in.size() + " of the " + planned.size() + " changesets of this run are applied now"
                + (in.isEmpty() ? "" : " (" + String.join(", ", in) + ")");
    }

    /**
     * The changesets the command will work on, as {@code file::id::author}: the pending ones (the next
     * {@code count}) for an update or a sync, the last {@code count} applied for a rollback.
     */
    private List<String> planned(Command command, Integer count) {
        Set<String> ran = appliedKeys();
        List<String> keys;
        if (command == Command.ROLLBACK) {
            List<String> all = List.copyOf(new LinkedHashSet<>(orderedAppliedKeys()));
            int n = count == null ? all.size() : Math.min(count, all.size());
            keys = new ArrayList<>(all.subList(all.size() - n, all.size()));
            java.util.Collections.reverse(keys);
        } else {
            List<String> pending = ChangelogReader.changesets(config.changelog(), EngineListener.SILENT).stream()
                    .map(PendingChangeset::key).filter(k -> !ran.contains(k)).toList();
            int n = count == null || command == Command.SYNC ? pending.size() : Math.min(count, pending.size());
            keys = pending.subList(0, n);
        }
        return List.copyOf(keys);
    }

    /** Of the planned changesets, those marked {@code runInTransaction: false}. */
    private Set<String> outsideTransaction(Command command, List<String> planned) {
        if (command == Command.SYNC || planned.isEmpty()) {
            return Set.of();
        }
        Set<String> outside = new LinkedHashSet<>(ChangelogReader.nonTransactional(config.changelog(),
                EngineListener.SILENT));
        outside.retainAll(planned);
        return outside;
    }

    private Set<String> appliedKeys() {
        return new HashSet<>(orderedAppliedKeys());
    }

    private List<String> orderedAppliedKeys() {
        if (!connections.exists()) {
            return List.of();
        }
        Connection connection = connections.open(true);
        try {
            return AppliedChangesets.read(connection).stream().map(AppliedChangesets.Row::key).toList();
        } catch (SQLException e) {
            throw connections.translate(e, "read");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    /** Takes the backup for the person (when the database exists and backups are on); never restored by the run. */
    private void takeBackup() {
        if (!existed) {
            return;
        }
        if (!config.backup().enabled()) {
            listener.warn("No backup taken (backup=false).");
        } else if (!backups.available()) {
            listener.warn("No backup taken: " + backups.unavailableReason().strip().replaceAll("[.]?$", "."));
        } else {
            backupFile = backups.take(Set.of());
        }
    }

    /** Writes the run's mark in the history, committed before the run changes anything; returns its id. */
    private long mark(String status, String description, List<String> changesets) {
        HistoryEntry mark = new HistoryEntry(0, started, Instant.now(), goal, status, description, changesets,
                List.of(), backupFile == null ? null : backupFile.toString(), null);
        Connection connection = connections.open(false);
        try {
            return HistoryStore.record(connection, mark);
        } catch (SQLException e) {
            throw connections.translate(e, "record the run in");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    /**
     * Replaces the run's mark with its outcome, on {@code connection} (inside the run's transaction) or on a
     * connection of its own when null; returns the run's history id.
     */
    private long outcome(Connection connection, String status, String description, List<String> changesets,
                         List<String> modelFiles, String error) {
        HistoryEntry entry = new HistoryEntry(0, started, Instant.now(), goal, status, description, changesets,
                modelFiles, backupFile == null ? null : backupFile.toString(), error);
        Connection own = connection == null ? connections.open(false) : null;
        Connection use = connection == null ? own : connection;
        try {
            if (markId != null && HistoryStore.update(use, markId, entry)) {
                return markId;
            }
            return HistoryStore.record(use, entry);
        } catch (SQLException e) {
            throw connections.translate(e, "record the run in");
        } finally {
            SqliteDatabase.closeQuietly(own);
        }
    }

    /**
     * Finds the runs that were killed before they could record their outcome (their mark is still in the history
     * while this run holds the lock) and records each honestly: what it had applied, what is pending again. Never
     * restores anything; a restore that was killed half-way on MariaDB is finished from its backup when this
     * machine has it, and otherwise stops every run but a restore.
     */
    private void recoverInterruptedRuns() {
        if (!connections.exists()) {
            return;
        }
        List<HistoryEntry> marks;
        Set<String> ran;
        Connection connection = connections.open(false);
        try {
            marks = HistoryStore.marks(connection);
            if (marks.isEmpty()) {
                return;
            }
            ran = new HashSet<>();
            AppliedChangesets.read(connection).forEach(r -> ran.add(r.key()));
            Jdbc.releaseLiquibaseLock(connection); // a dead run of ours may have left Liquibase's lock row set
        } catch (SQLException e) {
            throw connections.translate(e, "read the history of");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
        for (HistoryEntry mark : marks) {
            String who = "The previous migration, run #" + mark.id() + " (" + mark.goal() + ", started "
                    + mark.started() + ")";
            String what = HistoryEntry.RESTORING.equals(mark.status()) ? interruptedRestore(mark, who)
                    : interruptedRun(mark, ran);
            List<String> done = HistoryEntry.RESTORING.equals(mark.status()) ? List.of()
                    : mark.goal().equals("rollback") ? mark.changesets().stream().filter(k -> !ran.contains(k)).toList()
                    : mark.changesets().stream().filter(ran::contains).toList();
            HistoryEntry entry = new HistoryEntry(mark.id(), mark.started(), Instant.now(), mark.goal(),
                    HistoryEntry.INTERRUPTED, mark.description(), done, mark.modelFiles(), mark.backupFile(),
                    "killed before it recorded its outcome: " + what);
            Connection update = connections.open(false);
            try {
                HistoryStore.update(update, mark.id(), entry);
            } catch (SQLException e) {
                throw connections.translate(e, "record the interrupted run in");
            } finally {
                SqliteDatabase.closeQuietly(update);
            }
            listener.warn(who + " was killed before it recorded its outcome: " + what
                    + ". It is recorded as INTERRUPTED.");
        }
    }

    /** What a killed run had done, read from the changesets the database has recorded. */
    private String interruptedRun(HistoryEntry mark, Set<String> ran) {
        List<String> planned = mark.changesets();
        boolean rollback = mark.goal().equals("rollback");
        List<String> done = planned.stream().filter(k -> rollback != ran.contains(k)).toList();
        boolean transactional = target.kind() != DatabaseKind.MARIADB;
        if (done.isEmpty()) {
            return transactional
                    ? "it had not committed, so " + (connections.sqlite() ? "SQLite" : "PostgreSQL") + " rolled its "
                    + "transaction back and nothing of it remains" + pendingAgain(planned, rollback)
                    : "none of its " + plural(planned.size(), "changeset") + " had completed (MariaDB/MySQL undo an "
                    + "unfinished DDL statement themselves)" + pendingAgain(planned, rollback);
        }
        String verb = rollback ? "rolled back " : "applied ";
        List<String> rest = planned.stream().filter(k -> !done.contains(k)).toList();
        return "it had " + verb + done.size() + " of its " + plural(planned.size(), "changeset") + " ("
                + String.join(", ", done) + "), which stay " + (rollback ? "rolled back" : "applied")
                + pendingAgain(rest, rollback);
    }

    private static String pendingAgain(List<String> rest, boolean rollback) {
        if (rest.isEmpty()) {
            return "";
        }
        return rollback ? "; the other " + plural(rest.size(), "changeset") + " stay applied"
                : "; " + (rest.size() == 1 ? "its changeset is" : "the other " + rest.size() + " changesets are")
                + " pending (mvn migrate:auto or migrate:apply applies " + (rest.size() == 1 ? "it" : "them") + ")";
    }

    /**
     * A restore that was killed. SQLite and PostgreSQL restore in one step, so the database is as it was before
     * it. On MariaDB the database may be partly restored: the restore is finished from its backup when this machine
     * has the file; otherwise every run but a restore stops here.
     */
    private String interruptedRestore(HistoryEntry mark, String who) {
        if (target.kind() != DatabaseKind.MARIADB) {
            if (connections.sqlite()) {
                try {
                    Files.deleteIfExists(SqliteBackup.scratchFor(target.sqliteFile()));
                } catch (IOException e) {
                    listener.warn("The killed restore's scratch copy could not be removed: " + e.getMessage());
                }
            }
            return "a restore is done in one step, so the database is as it was before it";
        }
        Path source = Path.of(mark.description().substring("Restore ".length()));
        if (goal.equals("restore")) {
            return "the database may be partly restored from " + source + "; this run restores it";
        }
        if (!Files.isRegularFile(source)) {
            throw new MigrateException(ErrorCode.LOCKED, who + " was restoring " + target.maskedUrl() + " from "
                    + source + " and was killed before it finished, so the database is partly restored (MariaDB/MySQL "
                    + "commit every DDL statement at once). That backup is not on this machine: run mvn "
                    + "migrate:restore -Dmigrate.backupFile=<file> with it (or with another backup) where it is. "
                    + "Nothing was changed.");
        }
        backups.check(source);
        HistoryEntry outcome = new HistoryEntry(mark.id(), mark.started(), Instant.now(), mark.goal(),
                HistoryEntry.INTERRUPTED, mark.description(), List.of(), List.of(), mark.backupFile(),
                "killed before it finished; the restore was finished by the next run");
        backups.restore(source, new Backups.History(HistoryStore.TABLE, mark.id(), outcome));
        return "the restore from " + source + " was finished now";
    }

    /** Whether a SQLite file holds nothing but this engine's history (a new file whose run failed). */
    private boolean onlyOurs() {
        Connection connection = SqliteDatabase.open(target, true);
        try (var st = connection.createStatement();
             var rs = st.executeQuery("select count(*) from sqlite_master where type = 'table' and name <> '"
                     + HistoryStore.TABLE + "'")) {
            return rs.next() && rs.getInt(1) == 0;
        } catch (SQLException | RuntimeException e) {
            return false;
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    private void deleteDatabaseFiles() {
        Path file = target.sqliteFile();
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.IO, "Cannot remove " + file + suffix + ": " + e.getMessage(), e);
            }
        }
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    @Override
    public void close() {
        lock.close();
    }
}
