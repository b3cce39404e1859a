package org.automigrate.engine;

/**
 * What kind of failure a {@link MigrateException} reports. User-fixable codes are failures of the
 * user's input (the build should fail with a message); the others are failures of the environment.
 */
public enum ErrorCode {
    /** A parameter is missing or malformed. */
    CONFIGURATION(true),
    /** The entity model is invalid (Hibernate rejects it, two entities on one table, no entities). */
    MODEL(true),
    /** The database differs from the model where it must not. */
    DRIFT(true),
    /** A destructive change would be applied without {@code allowDestructive}. */
    DESTRUCTIVE_BLOCKED(true),
    /** A NOT NULL column without a default would be added to a table that holds rows. */
    NOT_NULL_WITHOUT_DEFAULT(true),
    /** A change this version cannot apply safely on this database. */
    UNSUPPORTED_CHANGE(true),
    /** More tables would be touched than {@code maxTablesPerRun} allows. */
    TOO_MANY_TABLES(true),
    /** An applied changeset was edited afterwards, or the changelog does not parse. */
    CHANGELOG(true),
    /** A changeset failed while it was applied; the database was restored. */
    APPLY_FAILED(false),
    /** The database cannot be reached or opened. */
    UNREACHABLE(false),
    /** The database file is not a valid database. */
    CORRUPT(false),
    /** A file or directory cannot be read or written. */
    IO(false),
    /** Another run holds the migration lock. */
    LOCKED(false),
    /** A bug or an unexpected state: please report it. */
    INTERNAL(false);

    private final boolean userFixable;

    ErrorCode(boolean userFixable) {
        this.userFixable = userFixable;
    }

    /** True when the user's own input caused the failure (Maven reports it as a build failure). */
    public boolean userFixable() {
        return userFixable;
    }
}
