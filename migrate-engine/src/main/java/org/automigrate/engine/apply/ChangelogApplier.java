package org.automigrate.engine.apply;

import java.io.OutputStream;
import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.command.core.ChangelogSyncCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.exception.MigrationFailedException;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.changelog.LiquibaseScope;
import org.automigrate.engine.config.ChangelogSettings;
import org.automigrate.engine.config.DatabaseTarget;

/**
 * Runs Liquibase's {@code update}, {@code rollback} and {@code changelogSync} on the master changelog, with its
 * standard {@code DATABASECHANGELOG} tables and lock, so every Liquibase tool sees the same state. Given a
 * {@link RunTransaction}'s connection, everything it does is part of the run's one transaction.
 */
public final class ChangelogApplier {
    /** How often a long statement reports that it is still running. */
    static volatile long heartbeatNanos = 5_000_000_000L;

    private ChangelogApplier() {
    }

    /** The Liquibase command to run. */
    public enum Command {
        /** Apply pending changesets (all, or the next {@code count}). */
        UPDATE,
        /** Undo the last {@code count} applied changesets with their rollbacks. */
        ROLLBACK,
        /** Record every changeset as applied without running it (baseline). */
        SYNC
    }

    /**
     * Runs {@code update} on an open connection (which it closes) and returns the changesets applied,
     * each as {@code file::id::author}; {@code count} null for all pending ones.
     */
    public static List<String> update(Connection connection, DatabaseTarget target, ChangelogSettings settings,
                                      EngineListener listener, Integer count) {
        return run(Command.UPDATE, connection, target, settings, listener, count);
    }

    /**
     * Runs a Liquibase command on an open connection (which it closes) and returns the changesets it
     * recorded or removed, each as {@code file::id::author}.
     */
    public static List<String> run(Command command, Connection connection, DatabaseTarget target,
                                   ChangelogSettings settings, EngineListener listener, Integer count) {
        COMMANDS.lock();
        try {
            return runAlone(command, connection, target, settings, listener, count);
        } finally {
            COMMANDS.unlock();
        }
    }

    /**
     * One Liquibase command at a time in this JVM. Liquibase 4.33 cannot run two updates at once, even on separate
     * databases: every update ends by resetting the JVM-wide {@code LockServiceFactory}, and its command steps are
     * shared across threads, so a concurrent update then skips releasing its {@code DATABASECHANGELOGLOCK} row and
     * the next run on that database waits for a lock nobody holds (liquibase/liquibase#7956, #6831, #4173). A run
     * over many databases does everything else in parallel.
     */
    private static final java.util.concurrent.locks.ReentrantLock COMMANDS = new java.util.concurrent.locks.ReentrantLock(true);

    private static List<String> runAlone(Command command, Connection connection, DatabaseTarget target,
                                         ChangelogSettings settings, EngineListener listener, Integer count) {
        String master = settings.logicalPath(settings.masterFile());
        try {
            return LiquibaseScope.call(settings.root(), listener, () -> {
                Set<String> before = new LinkedHashSet<>();
                AppliedChangesets.read(connection).forEach(r -> before.add(r.key()));
                Progress progress = new Progress(listener);
                progress.watch(connection);
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                try {
                    CommandScope scope;
                    if (command == Command.ROLLBACK) {
                        scope = new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count);
                    } else if (command == Command.SYNC) {
                        scope = new CommandScope(ChangelogSyncCommandStep.COMMAND_NAME);
                    } else if (count != null) {
                        scope = new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                                .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count);
                    } else {
                        scope = new CommandScope(UpdateCommandStep.COMMAND_NAME);
                    }
                    scope.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, master)
                            .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, progress)
                            .setOutput(OutputStream.nullOutputStream());
                    if (command == Command.UPDATE) {
                        scope.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG);
                    }
                    scope.execute();
                    Set<String> after = new LinkedHashSet<>();
                    AppliedChangesets.read(connection).forEach(r -> after.add(r.key()));
                    if (command == Command.ROLLBACK) {
                        List<String> undone = new java.util.ArrayList<>(before.stream().filter(k -> !after.contains(k)).toList());
                        java.util.Collections.reverse(undone); // newest first, the order they were undone in
                        return undone;
                    }
                    return after.stream().filter(k -> !before.contains(k)).toList();
                } finally {
                    database.close();
                }
            });
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw translate(e, target);
        }
    }

    /**
     * One line per changeset as it starts, its time when it is done, and, while one statement runs for
     * long (the row copy of a big table rebuild), a line every few seconds from SQLite's progress handler.
     */
    private static final class Progress extends AbstractChangeExecListener {
        private final EngineListener listener;
        private volatile long started = System.nanoTime();
        private volatile long lastReport = System.nanoTime();
        private volatile String current = "the changelog";

        Progress(EngineListener listener) {
            this.listener = listener;
        }

        /** Reports from inside long statements on a SQLite connection (other databases: nothing). */
        void watch(Connection connection) throws java.sql.SQLException {
            if (!connection.isWrapperFor(org.sqlite.SQLiteConnection.class)) {
                return;
            }
            Connection sqlite = connection.unwrap(org.sqlite.SQLiteConnection.class);
            org.sqlite.ProgressHandler.setHandler(sqlite, 1_000_000, new org.sqlite.ProgressHandler() {
                @Override
                protected int progress() {
                    long now = System.nanoTime();
                    if (now - lastReport > heartbeatNanos) {
                        lastReport = now;
                        listener.progress("Still applying " + current + " (" + (now - started) / 1_000_000_000L + " s)");
                    }
                    return 0;
                }
            });
        }

        @Override
        public void willRun(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database,
                            ChangeSet.RunStatus runStatus) {
            started = System.nanoTime();
            lastReport = started;
            current = changeSet.getId();
            listener.progress("Applying " + changeSet.getFilePath() + "::" + changeSet.getId()
                    + (changeSet.getComments() == null ? "" : " (" + changeSet.getComments() + ")"));
        }

        @Override
        public void willRollback(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
            listener.progress("Rolling back " + changeSet.getFilePath() + "::" + changeSet.getId());
        }

        @Override
        public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.ExecType execType) {
            listener.detail("Applied " + changeSet.getId() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }

    static MigrateException translate(Exception e, DatabaseTarget target) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("SQLITE_READONLY")) {
                return new MigrateException(ErrorCode.UNREACHABLE, "The database " + target.maskedUrl()
                        + " is read-only: " + target.scrub(oneLine(sql.getMessage())), e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LockException) {
                return new MigrateException(ErrorCode.LOCKED, "Another migration holds the Liquibase lock on "
                        + target.maskedUrl() + ": " + target.scrub(t.getMessage()) + ". Wait for it to finish; if "
                        + "no migration is running, the lock is stale (a killed run): clear the row in "
                        + "DATABASECHANGELOGLOCK.", e);
            }
            if (t instanceof MigrationFailedException) {
                return new MigrateException(ErrorCode.APPLY_FAILED, target.scrub(failedChangeset(t)), e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return new MigrateException(ErrorCode.APPLY_FAILED, target.scrub(oneLine(message)), e);
    }

    /**
     * "Changeset file::id::author failed: " and the database's own words with the failed SQL, once (Liquibase
     * wraps them in a "Reason:" per layer).
     */
    private static String failedChangeset(Throwable failure) {
        String message = failure.getMessage();
        int from = message.indexOf("for changeset ");
        int to = message.indexOf(":\n", Math.max(from, 0));
        String changeset = from >= 0 && to > from ? message.substring(from + "for changeset ".length(), to) : null;
        Throwable database = null;
        for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof liquibase.exception.DatabaseException && t.getMessage() != null) {
                database = t;
            }
        }
        int reason = message.indexOf("Reason:");
        String why = database != null ? database.getMessage()
                : reason >= 0 ? message.substring(reason + "Reason:".length()) : message;
        return (changeset == null ? "A changeset" : "Changeset " + changeset) + " failed: " + oneLine(why);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
