package org.automigrate.engine.changelog;

/**
 * A changeset of the changelog that the database has not run yet.
 *
 * @param id     the changeset id
 * @param author the changeset author
 * @param file   the changelog file it is in, as Liquibase records it
 * @param drops  what it drops of the database's data ({@code drop table x}, {@code drop column x.c},
 *               {@code narrow x.c to varchar(30)}); empty when it keeps every value, or when not yet classified
 */
public record PendingChangeset(String id, String author, String file, java.util.List<String> drops) {
    public PendingChangeset {
        drops = java.util.List.copyOf(drops);
    }

    public PendingChangeset(String id, String author, String file) {
        this(id, author, file, java.util.List.of());
    }

    /** Whether it drops data: it needs {@code allowDestructive}, as a generated change that drops data does. */
    public boolean destructive() {
        return !drops.isEmpty();
    }

    public PendingChangeset withDrops(java.util.List<String> what) {
        return new PendingChangeset(id, author, file, what);
    }

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
