package org.automigrate.engine;

/** How a goal ended. */
public enum RunStatus {
    /** Changes were applied to the database. */
    APPLIED,
    /** The database already matched; nothing was done. */
    NO_CHANGES,
    /** Changes were found and shown, nothing was written. */
    DRY_RUN,
    /** The goal only read and reported. */
    REPORTED,
    /** The run failed; the database was left or restored as it was. */
    FAILED,
    /** The goal was skipped by configuration. */
    SKIPPED
}
