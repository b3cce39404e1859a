package org.automigrate.engine.changelog;

import java.util.List;

import org.automigrate.engine.config.ChangelogFormat;

/** How a changeset file is spelled in one {@link ChangelogFormat}: pure text, no I/O. */
sealed interface ChangesetSyntax permits YamlSyntax, XmlSyntax, SqlSyntax {

    static ChangesetSyntax of(ChangelogFormat format) {
        return switch (format) {
            case YAML -> new YamlSyntax();
            case XML -> new XmlSyntax();
            case SQL -> new SqlSyntax();
        };
    }

    /** What must open the file, before any comment (the XML declaration, the formatted SQL marker); may be empty. */
    String prolog();

    /** One comment line (ending with a newline) that Liquibase ignores and that does not change any checksum. */
    String comment(String text);

    /** How the user removes the template's precondition, e.g. "its preConditions block". */
    String preconditionName();

    /** The changesets, with whatever encloses them. */
    String changesets(List<GeneratedChangeset> changesets);

    /** Puts text (comment lines) right after the prolog of a rendered file. */
    default String afterProlog(String file, String text) {
        String prolog = prolog();
        if (!file.startsWith(prolog)) {
            throw new IllegalStateException("A generated changeset file must start with " + prolog);
        }
        return prolog + text + file.substring(prolog.length());
    }
}
