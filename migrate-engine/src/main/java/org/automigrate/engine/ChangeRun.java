package org.automigrate.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.automigrate.engine.apply.ChangelogApplier;
import org.automigrate.engine.apply.AppliedChangesets;
import org.automigrate.engine.backup.Backups;
import org.automigrate.engine.changelog.ChangelogReader;
import org.automigrate.engine.changelog.ChangelogWriter;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.MigrationLock;
import org.automigrate.engine.db.RunLock;
import org.automigrate.engine.db.ServerLock;
import org.automigrate.engine.db.SqliteDatabase;
import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.diff.SchemaDiff;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.history.HistoryStore;

/**
 * One run of a goal that changes the database ({@code auto}, {@code apply}, {@code rollback},
 * {@code baseline}, {@code restore}): it holds the migration lock for its whole life, puts back a run
 * that was killed half-way, takes the backup, runs Liquibase, verifies, and records itself in the
 * history once its outcome is final. When anything fails after the database was touched, {@link #fail}
 * restores the backup, removes the changelog file the run wrote, and records the failure.
 */
final class ChangeRun implements AutoCloseable {
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
    private int rowsBefore = -1;
    /** On a server: the history row that marks this run as applying, or the stale mark a restore supersedes. */
    private Long markId;
    private HistoryEntry staleMark;

    ChangeRun(String goal, EngineConfig config, EngineListener listener) {
        this.goal = goal;
        this.config = config;
        this.listener = listener;
        this.target = config.database();
        this.connections = new Connections(config);
        this.backups = connections.backups(listener);
        this.lock = connections.sqlite() ? MigrationLock.acquire(target.sqliteFile(), Engine.LOCK_WAIT, listener)
                : ServerLock.acquire(target, config.stateDirectory(), Engine.LOCK_WAIT, listener);
        try {
            Optional<HistoryEntry> mark = connections.sqlite() ? Optional.empty() : readMark();
            mark.ifPresent(m -> markId = m.id());
            boolean recovered = lock.previous().map(this::recoverInterruptedRun).orElse(false);
            if (!recovered && mark.isPresent()) {
                recoverFromMark(mark.get());
            }
            markId = null;
        } catch (RuntimeException e) {
            // the interrupted run is still to be put back: keep saying so for the next run
            lock.previous().ifPresent(p -> lock.markApplying(p.backup() == null ? null : Path.of(p.backup()),
                    p.newDatabase()));
            lock.close();
            throw e;
        }
        this.existed = connections.exists();
        if (existed && connections.sqlite()) {
            try {
                SqliteDatabase.checkWritable(target);
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        }
    }

    /** Whether the database file existed when the run started (after any recovery). */
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
        if (!existed || !config.backup().enabled()) {
            return;
        }
        if (!backups.available()) {
            if (target.kind() == DatabaseKind.MARIADB) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "Cannot back up " + target.maskedUrl() + ": "
                        + backups.unavailableReason() + " MariaDB/MySQL commit every DDL statement at once, so "
                        + "without a backup a change that fails half-way cannot be undone. Install the tool, or set "
                        + "<backup>false</backup> / -Dmigrate.backup=false to migrate without a backup. Nothing was "
                        + "changed.");
            }
            return;
        }
        backups.checkWritable();
    }

    /** Remembers a changelog file this run wrote, so that a failure removes it again. */
    void wrote(ChangelogWriter changelogWriter, ChangelogWriter.Written file) {
        this.writer = changelogWriter;
        this.written = file;
    }

    /** Takes the backup that a failure restores (when the database exists and backups are on). */
    void backup() {
        if (existed && config.backup().enabled() && !backups.available()) {
            listener.warn("No backup taken: " + backups.unavailableReason().strip().replaceAll("[.]?$", ".") + " A failed changeset is rolled back by "
                    + "PostgreSQL (its DDL is transactional); changesets applied before it in this run stay applied.");
        } else if (existed && config.backup().enabled()) {
            backupFile = backups.take();
        } else if (existed) {
            listener.warn("No backup taken (backup=false): a failed change cannot be restored from a backup.");
        }
    }

    /** Runs a Liquibase command on the database; the lock file notes the backup that undoes it. */
    List<String> liquibase(ChangelogApplier.Command command, Integer count) {
        lock.markApplying(backupFile, !existed);
        rowsBefore = appliedRows();
        if (!connections.sqlite() && markId == null) {
            markId = record(new HistoryEntry(0, started, Instant.now(), goal, HistoryEntry.APPLYING, "Applying (pid "
                    + ProcessHandle.current().pid() + ")", List.of(), List.of(),
                    backupFile == null ? null : backupFile.toString(), null));
        }
        long start = System.nanoTime();
        List<String> changed = ChangelogApplier.run(command, connections.open(false), target,
                config.changelog(), listener, count);
        applied.addAll(changed);
        String verb = switch (command) {
            case UPDATE -> "Applied ";
            case ROLLBACK -> "Rolled back ";
            case SYNC -> "Marked as applied (not run) ";
        };
        listener.step(verb + changed.size() + " changeset" + (changed.size() == 1 ? "" : "s") + " in "
                + Planning.since(start).toMillis() + " ms");
        return changed;
    }

    /** Fails the run when the database does not match the model. */
    void verify(Planning planning, Planning.Model model) {
        SchemaDiff remaining = planning.drift(model);
        if (!remaining.isEmpty()) {
            throw new MigrateException(ErrorCode.DRIFT, "After applying, the database still differs from the "
                    + "model: " + remaining.changes().stream().map(SchemaChange::description)
                    .collect(Collectors.joining("; ")) + ".");
        }
        listener.step("Verified: the database matches the model");
    }

    /** Records the successful run; returns its history id. */
    long succeed(String description, List<String> modelFiles) {
        long id = record(HistoryEntry.SUCCESS, description, modelFiles, null);
        if (staleMark != null) {
            markId = staleMark.id();
            record(new HistoryEntry(0, staleMark.started(), Instant.now(), staleMark.goal(), HistoryEntry.FAILED,
                    "Interrupted run", List.of(), List.of(), staleMark.backupFile(),
                    "killed while applying; the database was restored by run #" + id));
            markId = null;
        }
        lock.markDone();
        listener.step("Recorded run #" + id + " in the history");
        return id;
    }

    /** Puts everything back, records the failed run, and returns the exception that says so. */
    MigrateException fail(RuntimeException e, String description, List<String> modelFiles) {
        boolean restoreFailed = false;
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : target.scrub(e.getMessage());
        List<String> done = new ArrayList<>();
        try {
            if (transactionUndidIt(e)) {
                done.add("PostgreSQL rolled the failed changeset back (its DDL is transactional); nothing else had "
                        + "been applied.");
            } else if (backupFile != null) {
                backups.restore(backupFile);
                done.add("The database was restored from the backup " + backupFile + ".");
            } else if (!existed && connections.sqlite()) {
                deleteDatabaseFiles();
                done.add("The new database file was removed.");
            } else if (!existed) {
                connections.emptyServerDatabase();
                done.add("The database was empty before the run and is empty again.");
            } else if (e instanceof MigrateException m && m.code() == ErrorCode.DRIFT && !applied.isEmpty()) {
                done.add("No backup was taken: the changesets applied in this run stay applied.");
            } else if (!applied.isEmpty() || e instanceof MigrateException m && m.code() == ErrorCode.APPLY_FAILED) {
                done.add(target.kind() == DatabaseKind.MARIADB
                        ? "No backup was taken: the data statements of the failed changeset were rolled back, but "
                        + "tables or columns it created or changed stay (MariaDB/MySQL commit DDL at once), and so do "
                        + "changesets applied before it in this run."
                        : "No backup was taken: the failed changeset was rolled back, but changesets applied before it "
                        + "in this run stay applied.");
            }
        } catch (RuntimeException restoreFailure) {
            restoreFailed = true;
            done.add("RESTORE FAILED: " + restoreFailure.getMessage() + " The next run tries the restore again "
                    + "before it plans anything; or restore by hand with mvn migrate:restore -Dmigrate.backupFile="
                    + backupFile + ".");
        }
        if (written != null) {
            try {
                writer.revert(written);
                done.add("The generated changelog " + written.logicalPath() + " was removed.");
            } catch (MigrateException revertFailure) {
                done.add(revertFailure.getMessage());
            }
        }
        try {
            long id = record(HistoryEntry.FAILED, description, modelFiles, cause);
            done.add("The failed run is recorded as #" + id + " (mvn migrate:history).");
        } catch (RuntimeException historyFailure) {
            done.add("The failed run could not be recorded: " + historyFailure.getMessage());
        }
        if (!restoreFailed) {
            lock.markDone();
        }
        ErrorCode code = e instanceof MigrateException m ? m.code() : ErrorCode.INTERNAL;
        return new MigrateException(code == ErrorCode.INTERNAL ? ErrorCode.APPLY_FAILED : code,
                "Migration of " + target.maskedUrl() + " failed: " + cause + " " + String.join(" ", done), e);
    }

    /** Ends a run that found nothing to do. */
    void nothingToDo() {
        lock.markDone();
    }

    private long record(String status, String description, List<String> modelFiles, String error) {
        return record(new HistoryEntry(0, started, Instant.now(), goal, status, description, applied, modelFiles,
                backupFile == null ? null : backupFile.toString(), error));
    }

    /** On PostgreSQL, a changeset that fails before any other was applied is undone by its transaction alone. */
    private boolean transactionUndidIt(RuntimeException e) {
        if (!(target.kind() == DatabaseKind.POSTGRESQL && applied.isEmpty() && rowsBefore >= 0
                && e instanceof MigrateException m && m.code() == ErrorCode.APPLY_FAILED && appliedRows() == rowsBefore)) {
            return false;
        }
        // a changeset with runInTransaction: false keeps the statements that ran before the one that failed
        try {
            Set<String> outside = ChangelogReader.nonTransactional(config.changelog(), EngineListener.SILENT);
            if (outside.isEmpty()) {
                return true;
            }
            Connection connection = connections.open(true);
            try {
                Set<String> done = new HashSet<>();
                AppliedChangesets.read(connection).forEach(r -> done.add(r.key()));
                return outside.stream().allMatch(done::contains);
            } finally {
                SqliteDatabase.closeQuietly(connection);
            }
        } catch (SQLException | RuntimeException unknown) {
            return false; // when in doubt, restore the backup
        }
    }

    /** How many changesets the database has recorded (-1 when that cannot be read). */
    private int appliedRows() {
        Connection connection = null;
        try {
            connection = connections.open(true);
            return AppliedChangesets.read(connection).size();
        } catch (SQLException | RuntimeException e) {
            return -1;
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    private long record(HistoryEntry entry) {
        Connection connection = connections.open(false);
        try {
            if (markId != null && HistoryStore.update(connection, markId, entry)) {
                return markId;
            }
            return HistoryStore.record(connection, entry);
        } catch (SQLException e) {
            throw connections.translate(e, "record the run in");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    /**
     * A run that was killed while it applied changes left the database part-way: put it back as it was
     * before that run (from that run's backup), record the interrupted run, and carry on.
     */
    private boolean recoverInterruptedRun(MigrationLock.Holder previous) {
        if (!MigrationLock.Holder.APPLYING.equals(previous.state()) || !previous.deadOnThisHost()) {
            return false;
        }
        String what;
        Path backup = previous.backup() == null ? null : Path.of(previous.backup());
        if (backup != null && Files.exists(backup)) {
            what = restoreInterrupted(backup);
        } else if (previous.newDatabase() && connections.sqlite()) {
            deleteDatabaseFiles();
            what = "the database file it had created was removed";
        } else if (previous.newDatabase()) {
            connections.emptyServerDatabase();
            what = "the database was empty before it and is empty again";
        } else if (connections.sqlite()) {
            SqliteDatabase.releaseLiquibaseLock(target);
            what = "it had taken no backup (backup=false): SQLite rolled back its unfinished transaction, "
                    + "changesets it had completed stay applied";
        } else {
            what = "it had taken no backup: the server rolled back its unfinished transaction, changesets it had "
                    + "completed stay applied" + (target.kind() == DatabaseKind.MARIADB
                    ? ", and DDL of the changeset it was in stays (MariaDB/MySQL commit DDL at once)" : "");
        }
        listener.warn("The previous migration (pid " + previous.pid() + ", started " + previous.started()
                + ") was killed while applying changes: " + what + ".");
        if (connections.exists()) {
            record(new HistoryEntry(0, previous.started(), Instant.now(), "auto", HistoryEntry.FAILED,
                    "Interrupted run (pid " + previous.pid() + ")", List.of(), List.of(),
                    backup == null ? null : backup.toString(), "killed while applying; " + what));
        }
        return true;
    }

    /**
     * Puts back the backup of a run that was killed while applying, and says so. On a server the current
     * state is backed up first: what the run left, or anything done to the database since, is kept too.
     */
    private String restoreInterrupted(Path backup) {
        String safety = !connections.sqlite() && backups.available()
                ? " (its state before this restore is in " + backups.take() + ")" : "";
        backups.restore(backup);
        return "the database was restored from its backup " + backup + safety;
    }

    /** The history row a server run leaves while it applies; one that is there now belongs to a dead run. */
    private Optional<HistoryEntry> readMark() {
        Connection connection = connections.open(true);
        try {
            return HistoryStore.applying(connection);
        } catch (SQLException e) {
            throw connections.translate(e, "read the history of");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    /**
     * A run on a server was killed while applying, and this machine has no note of it (another machine, or a
     * cleaned build directory): restore its backup when this machine has it, else stop before planning on a
     * database that may be half-migrated. {@code restore} itself is the way out, so it is not stopped.
     */
    private void recoverFromMark(HistoryEntry mark) {
        String who = "run #" + mark.id() + " (" + mark.goal() + ", started " + mark.started() + ", " + mark.description()
                + ")";
        Path backup = mark.backupFile() == null ? null : Path.of(mark.backupFile());
        if (backup != null && Files.exists(backup)) {
            String what = restoreInterrupted(backup);
            listener.warn("The previous migration, " + who + ", was killed while applying changes: " + what + ".");
            record(new HistoryEntry(0, mark.started(), Instant.now(), mark.goal(), HistoryEntry.FAILED,
                    "Interrupted run", List.of(), List.of(), backup.toString(), "killed while applying; " + what));
            return;
        }
        if (goal.equals("restore")) {
            staleMark = mark;
            return;
        }
        throw new MigrateException(ErrorCode.LOCKED, "The previous migration of " + target.maskedUrl() + ", " + who
                + ", was killed while applying changes, on another machine or before its build directory was "
                + "cleaned, so the database may be half-migrated" + (backup == null ? " and it took no backup"
                : " and its backup " + backup + " is not on this machine") + ". Restore that backup (mvn "
                + "migrate:restore -Dmigrate.backupFile=<file>), or check the database by hand and then mark the run "
                + "as failed: update " + HistoryStore.TABLE + " set status = 'FAILED' where id = " + mark.id()
                + ". Nothing was changed.");
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

    @Override
    public void close() {
        lock.close();
    }
}
