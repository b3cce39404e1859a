package org.automigrate.engine.changelog;

import java.util.List;

/**
 * One changeset of a file Automigrate writes, as plain data that each {@link ChangesetSyntax} renders.
 *
 * @param id            the changeset id
 * @param author        the author
 * @param comment       the changeset's description
 * @param transactional false for a changeset that manages its own transaction ({@code runInTransaction: false})
 * @param changes       the statements, in order
 * @param rollback      the statements that undo it, in order; {@code null} when it has no rollback
 * @param haltMessage   if not {@code null}, a precondition stops every run that would apply it with this message
 *                      (the template written by {@code new})
 * @param dbms          Liquibase's {@code dbms} attribute: the databases it was written for ({@code sqlite},
 *                      {@code postgresql}, {@code mariadb,mysql}); {@code null} for none
 */
record GeneratedChangeset(String id, String author, String comment, boolean transactional, List<Statement> changes,
                          List<String> rollback, String haltMessage, String dbms) {

    /** One SQL statement with an optional comment saying what it does. */
    record Statement(String comment, String sql) {
    }

    GeneratedChangeset {
        changes = List.copyOf(changes);
        rollback = rollback == null ? null : List.copyOf(rollback);
    }
}
