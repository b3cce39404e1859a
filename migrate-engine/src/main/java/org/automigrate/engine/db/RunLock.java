package org.automigrate.engine.db;

import java.nio.file.Path;
import java.util.Optional;

/** One changing run per database at a time, released when the process ends however it ends. */
public interface RunLock extends AutoCloseable {

    /** What the lock said about the run before this one, when it can tell (SQLite's lock file). */
    Optional<MigrationLock.Holder> previous();

    /** Notes that the run now changes the database, and the backup that undoes it. */
    void markApplying(Path backup, boolean newDatabase);

    /** Notes that the run's outcome is final. */
    void markDone();

    @Override
    void close();
}
