package org.automigrate.engine;

/**
 * The plain-Java entry point: one method per goal, each returning a result object.
 * The engine reports progress to its {@link EngineListener} and never logs on its own.
 * Failures are {@link MigrateException}s whose message says what, where and how to fix it.
 */
public final class Engine {
    private final EngineConfig config;
    private final EngineListener listener;

    public Engine(EngineConfig config, EngineListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** Lists the model classes and validates the model. Never touches the database. */
    public DiscoverResult discover() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Reports connection, models, pending changesets, differences, last backup and last run. Read-only. */
    public StatusResult status() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The recorded runs, newest first; {@code limit} 0 for all. Read-only. */
    public HistoryResult history(int limit) {
        throw new UnsupportedOperationException("not yet");
    }

    /** What {@code auto} would do: every change and its SQL. Writes nothing, anywhere. */
    public PreviewResult preview() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Discover, back up, apply pending changesets, diff, write a changeset, apply, verify, record. */
    public AutoResult auto() {
        throw new UnsupportedOperationException("not yet");
    }

    public EngineConfig config() {
        return config;
    }
}
