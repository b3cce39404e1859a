package org.automigrate.engine.changelog;

import java.util.List;

/**
 * Liquibase formatted SQL: a {@code --changeset author:id} line per changeset, its statements each ended by
 * {@code ;} (Liquibase splits on a {@code ;} outside quotes and comments), {@code --rollback} lines, and
 * {@code --preconditions onFail:HALT} with a {@code --precondition-sql-check} for the template. The split is
 * pinned by a test that reads every statement back through Liquibase.
 */
final class SqlSyntax implements ChangesetSyntax {
    private static final String PROLOG = "--liquibase formatted sql\n";

    @Override
    public String prolog() {
        return PROLOG;
    }

    @Override
    public String comment(String text) {
        return "-- " + text + "\n";
    }

    @Override
    public String preconditionName() {
        return "its --preconditions and --precondition-sql-check lines";
    }

    @Override
    public String changesets(List<GeneratedChangeset> changesets) {
        StringBuilder s = new StringBuilder();
        for (GeneratedChangeset c : changesets) {
            s.append("\n--changeset ").append(c.author()).append(':').append(c.id());
            if (!c.transactional()) {
                s.append(" runInTransaction:false");
            }
            if (c.dbms() != null) {
                s.append(" dbms:").append(c.dbms());
            }
            s.append('\n').append("--comment: ").append(oneLine(c.comment())).append('\n');
            if (c.haltMessage() != null) {
                // formatted SQL has no onFailMessage: the check's own result carries the message
                s.append("--preconditions onFail:HALT\n")
                        .append("--precondition-sql-check expectedResult:written select '")
                        .append(oneLine(c.haltMessage()).replace("'", "''")).append("'\n");
            }
            for (GeneratedChangeset.Statement statement : c.changes()) {
                if (statement.comment() != null) {
                    s.append("-- ").append(oneLine(statement.comment())).append('\n');
                }
                s.append(statement(statement.sql())).append(";\n");
            }
            if (c.rollback() != null) {
                for (String sql : c.rollback()) {
                    for (String line : (statement(sql) + ";").split("\n", -1)) {
                        s.append("--rollback ").append(line).append('\n');
                    }
                }
            }
        }
        return s.toString();
    }

    /**
     * Liquibase's splitter takes a bare {@code BEGIN} for the start of a procedural block and stops splitting
     * until its {@code END}; SQLite's {@code BEGIN TRANSACTION} is the same statement and splits normally.
     */
    private static String statement(String sql) {
        return sql.strip().equalsIgnoreCase("BEGIN") ? "BEGIN TRANSACTION" : sql;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
