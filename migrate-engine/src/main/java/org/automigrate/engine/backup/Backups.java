package org.automigrate.engine.backup;

import java.nio.file.Path;
import java.util.List;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;

/** Backups of one database: taken before a change, restored when it fails, listed and pruned by policy. */
public interface Backups {

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

    /** Takes a backup now and applies the retention policy; returns the backup file. */
    Path take();

    /** Makes the database exactly what the backup holds (tables created since are removed). */
    void restore(Path backup);

    /** This database's backups, newest first. */
    List<Path> list();
}
