package org.automigrate.engine.fleet;

import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;

/**
 * One database of a run over many: its short name, which prefixes its output lines and names it in the summary
 * (the schema, the database, or the file name; longer only where two would read the same), and the database.
 */
public record Target(String name, DatabaseTarget database) {
    /** The kind of database, which decides the model it shares. */
    public DatabaseKind kind() {
        return database.kind();
    }

    /** The name and the URL, masked. */
    @Override
    public String toString() {
        return name + " (" + database.maskedUrl() + ")";
    }
}
