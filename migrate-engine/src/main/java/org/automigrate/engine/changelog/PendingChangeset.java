package org.automigrate.engine.changelog;

/**
 * A changeset of the changelog that the database has not run yet.
 *
 * @param id     the changeset id
 * @param author the changeset author
 * @param file   the changelog file it is in, as Liquibase records it
 */
public record PendingChangeset(String id, String author, String file) {
    @Override
    public String toString() {
        return file + "::" + id + "::" + author;
    }
}
