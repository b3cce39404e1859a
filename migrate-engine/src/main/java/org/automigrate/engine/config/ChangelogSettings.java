package org.automigrate.engine.config;

import java.nio.file.Path;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;

/**
 * Where changelogs live. Liquibase resolves changelog paths against {@code root} (a resource root
 * such as {@code src/main/resources}), so the paths recorded in {@code DATABASECHANGELOG} are the
 * classpath paths Spring Boot and other Liquibase tools use too.
 *
 * @param root      the resource root, e.g. {@code src/main/resources}
 * @param directory the changelog directory inside (or equal to) {@code root}, e.g.
 *                  {@code src/main/resources/db/changelog}
 * @param author    the author written into generated changesets
 * @param format    the format of generated changeset files (the master file is always YAML)
 */
public record ChangelogSettings(Path root, Path directory, String author, ChangelogFormat format) {
    public static final String MASTER_FILE = "db.changelog-master.yaml";
    public static final String CHANGES_DIR = "changes";
    public static final String DEFAULT_AUTHOR = "automigrate";

    public ChangelogSettings {
        root = root.toAbsolutePath().normalize();
        directory = directory.toAbsolutePath().normalize();
        if (!directory.startsWith(root)) {
            root = directory;
        }
        if (author == null || author.isBlank()) {
            author = DEFAULT_AUTHOR;
        }
        if (format == null) {
            format = ChangelogFormat.YAML;
        }
        if (format == ChangelogFormat.SQL && !author.matches("[^\\s:]+")) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The author '" + author + "' cannot be written in "
                    + "formatted SQL (--changeset author:id allows no spaces or colons). Use one word in <author> or "
                    + "-Dmigrate.author, or another <changelogFormat> (yaml, xml).");
        }
    }

    /** Settings that write YAML changesets. */
    public ChangelogSettings(Path root, Path directory, String author) {
        this(root, directory, author, ChangelogFormat.YAML);
    }

    public Path masterFile() {
        return directory.resolve(MASTER_FILE);
    }

    public Path changesDirectory() {
        return directory.resolve(CHANGES_DIR);
    }

    /** The path of a file as Liquibase sees it: relative to {@link #root()}, with forward slashes. */
    public String logicalPath(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
