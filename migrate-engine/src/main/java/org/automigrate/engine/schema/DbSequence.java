package org.automigrate.engine.schema;

import java.util.Locale;

/**
 * A sequence of its own (not one an identity or {@code serial} column owns): PostgreSQL's and MariaDB's
 * {@code CREATE SEQUENCE}, as Hibernate writes it for {@code GenerationType.SEQUENCE}.
 */
public record DbSequence(String name, long start, long increment) {
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }
}
