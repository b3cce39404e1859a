package org.automigrate.engine.diff;

/** Whether a change can lose data. */
public enum Safety {
    /** Keeps every row and value. */
    SAFE,
    /** Drops a table, a column or data (needs {@code allowDestructive}). */
    DESTRUCTIVE
}
