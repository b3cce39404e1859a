package org.automigrate.engine.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.history.HistoryEntry;

/**
 * Backups of one database: taken before a change for the person (the engine never restores one on its own),
 * restored only by an explicit {@code restore}, listed and pruned by policy. Files are {@code 0600} in a directory
 * created {@code 0700}, written under a temporary name and given their name only once complete and checked.
 */
public interface Backups {

    /**
     * The live history table survives a restore: {@code table} is neither dropped nor replaced by the backup's
     * copy, and its row {@code markId} (the restore's own mark) becomes {@code outcome} in the same step as the
     * restore where the database allows it (SQLite, PostgreSQL), right after it otherwise.
     */
    record History(String table, long markId, HistoryEntry outcome) {
    }

    /**
     * The backups of {@code target}: a {@link SqliteBackup} (default directory {@code backups} next to the
     * database file) or a {@link ServerBackup} (default directory {@code serverDefaultDirectory}, e.g.
     * {@code <project>/backups}).
     */
    static Backups of(BackupPolicy policy, DatabaseTarget target, Path serverDefaultDirectory, EngineListener listener) {
        return target.kind() == DatabaseKind.SQLITE ? new SqliteBackup(policy, target, listener)
                : new ServerBackup(policy, target, serverDefaultDirectory, listener);
    }

    /** Where this database's backups go. */
    Path directory();

    /**
     * Whether a backup can be taken here at all (e.g. the vendor's dump tool is installed). When false,
     * {@link #unavailableReason()} says why and what the engine falls back to.
     */
    default boolean available() {
        return true;
    }

    /** Why {@link #available()} is false, and what to install or set; null when available. */
    default String unavailableReason() {
        return null;
    }

    /** Checks, before anything else happens, that a backup can be written. */
    void checkWritable();

    /**
     * Takes a backup now and applies the retention policy, which never removes the new backup nor any of
     * {@code keep}; returns the backup file.
     */
    Path take(Set<Path> keep);

    /** Takes a backup now and applies the retention policy; returns the backup file. */
    default Path take() {
        return take(Set.of());
    }

    /**
     * Fails, before anything is touched, unless {@code backup} is a complete backup of this kind of database
     * (SQLite: a database file that passes {@code quick_check}; a dump: the tool's header and its completion line).
     */
    void check(Path backup);

    /**
     * Makes the database what the backup holds (tables created since are removed), but for the history table,
     * which {@code history} says how to keep; {@code null} restores the backup's history table too.
     */
    void restore(Path backup, History history);

    /** Makes the database exactly what the backup holds, its history table included. */
    default void restore(Path backup) {
        restore(backup, null);
    }

    /** This database's backups, newest first. */
    List<Path> list();
}
