package org.automigrate.engine.schema;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The tables of one database (or of the model), keyed case-insensitively. */
public final class DbSchema {
    private final Map<String, DbTable> tables = new TreeMap<>();

    public DbSchema(Collection<DbTable> tables) {
        tables.forEach(t -> this.tables.put(t.key(), t));
    }

    public static DbSchema empty() {
        return new DbSchema(java.util.List.of());
    }

    public Collection<DbTable> tables() {
        return tables.values();
    }

    public Optional<DbTable> table(String name) {
        return Optional.ofNullable(tables.get(name.toLowerCase(Locale.ROOT)));
    }

    public int size() {
        return tables.size();
    }
}
