package org.automigrate.engine;

import org.automigrate.engine.db.DatabaseKind;

/**
 * The model loaded once for many databases of one kind (the entities found, Hibernate's metadata and the desired
 * schema read from the shadow), so that a run over a fleet pays discovery, Hibernate's bootstrap and the shadow
 * once instead of once per database. Read-only once loaded, so engines on several threads may share it.
 * {@link #close()} releases the class loader and drops the shadow.
 */
public final class SharedModel implements AutoCloseable {
    private final Planning.Model model;
    private final DatabaseKind kind;

    SharedModel(Planning.Model model, DatabaseKind kind) {
        this.model = model;
        this.kind = kind;
    }

    Planning.Model model() {
        return model;
    }

    /** The kind of database the model was built for. */
    public DatabaseKind kind() {
        return kind;
    }

    /** The number of tables of the model. */
    public int tableCount() {
        return model.tableCount();
    }

    @Override
    public void close() {
        model.close();
    }
}
