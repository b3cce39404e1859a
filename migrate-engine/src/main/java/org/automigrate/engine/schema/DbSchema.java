package org.automigrate.engine.schema;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The tables (and, on a server, the sequences) of one database or of the model, keyed case-insensitively. */
public final class DbSchema {
    private final Map<String, DbTable> tables = new TreeMap<>();
    private final Map<String, DbSequence> sequences = new TreeMap<>();

    public DbSchema(Collection<DbTable> tables) {
        this(tables, List.of());
    }

    public DbSchema(Collection<DbTable> tables, Collection<DbSequence> sequences) {
        tables.forEach(t -> this.tables.put(t.key(), t));
        sequences.forEach(s -> this.sequences.put(s.key(), s));
    }

    public static DbSchema empty() {
        return new DbSchema(List.of());
    }

    public Collection<DbTable> tables() {
        return tables.values();
    }

    public Optional<DbTable> table(String name) {
        return Optional.ofNullable(tables.get(name.toLowerCase(Locale.ROOT)));
    }

    public Collection<DbSequence> sequences() {
        return sequences.values();
    }

    public Optional<DbSequence> sequence(String name) {
        return Optional.ofNullable(sequences.get(name.toLowerCase(Locale.ROOT)));
    }

    public int size() {
        return tables.size();
    }
}
