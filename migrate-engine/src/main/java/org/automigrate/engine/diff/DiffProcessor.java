package org.automigrate.engine.diff;

/**
 * One post-processing step of a diff. The engine runs an explicit, ordered list of them; adding a
 * rule is adding a class.
 */
@FunctionalInterface
public interface DiffProcessor {
    SchemaDiff process(SchemaDiff diff);
}
