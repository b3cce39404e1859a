package org.automigrate.engine.backup;

import java.nio.file.Path;
import java.util.List;

/** Backups of one database: taken before a change, restored when it fails, listed and pruned by policy. */
public interface Backups {

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
