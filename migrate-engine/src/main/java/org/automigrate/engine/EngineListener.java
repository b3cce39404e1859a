package org.automigrate.engine;

/**
 * Receives what the engine has to say while it works. The engine never logs on its own; the Maven
 * plugin forwards these calls to Maven's log, tests record them.
 */
public interface EngineListener {
    /** One user-facing line per pipeline step, with counts and time. */
    void step(String message);

    /** Progress of long work (backups, copies); called at most a few times a second. */
    default void progress(String message) {
        step(message);
    }

    /**
     * The run waits for the migration lock another run holds; the run goes on once it has the lock (its next
     * step). A run over many databases counts the databases that wait.
     */
    default void waitingForLock(String message) {
        step(message);
    }

    /** Something the user should look at, which does not stop the run. */
    void warn(String message);

    /** Detail for debugging (Maven's -X): the libraries' own chatter goes here. */
    default void detail(String message) {
    }

    /** A listener that drops everything. */
    EngineListener SILENT = new EngineListener() {
        @Override
        public void step(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
