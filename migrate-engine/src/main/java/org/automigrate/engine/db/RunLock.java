package org.automigrate.engine.db;

/**
 * One changing run per database at a time, released when the process ends however it ends. What a run was
 * doing when it died is not the lock's business: the run marks itself in the database's history
 * ({@code APPLYING}), where any later run, on any machine, finds it.
 */
public interface RunLock extends AutoCloseable {

    @Override
    void close();
}
