package org.automigrate.engine.changelog;

/**
 * A changeset of the changelog that the database has not run yet.
 *
 * @param id     the changeset id
 * @param author the changeset author
 * @param file   the changelog file it is in, as Liquibase records it
 */
public record PendingChangeset(String id, String author, String file) {
    /** The identity Liquibase gives a changeset: file, id and author. */
    public String key() {
        return key(file, id, author);
    }

    public static String key(String file, String id, String author) {
        String path = file == null ? "" : file.replace('\\', '/');
        if (path.startsWith("classpath:")) {
            path = path.substring("classpath:".length());
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path + "::" + id + "::" + author;
    }

    @Override
    public String toString() {
        return file + "::" + id + "::" + author;
    }
}
