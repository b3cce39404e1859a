package org.automigrate.engine.changelog;

import java.util.List;
import java.util.Locale;

/** Liquibase YAML: one {@code sql} change per statement, a {@code rollback} list, {@code preConditions} for HALT. */
final class YamlSyntax implements ChangesetSyntax {

    @Override
    public String prolog() {
        return "";
    }

    @Override
    public String comment(String text) {
        return "# " + text + "\n";
    }

    @Override
    public String preconditionName() {
        return "its preConditions block";
    }

    @Override
    public String changesets(List<GeneratedChangeset> changesets) {
        StringBuilder y = new StringBuilder("databaseChangeLog:\n");
        for (GeneratedChangeset c : changesets) {
            y.append("  - changeSet:\n")
                    .append("      id: ").append(scalar(c.id())).append('\n')
                    .append("      author: ").append(scalar(c.author())).append('\n')
                    .append("      comment: ").append(scalar(c.comment())).append('\n');
            if (c.dbms() != null) {
                y.append("      dbms: ").append(scalar(c.dbms())).append('\n');
            }
            if (!c.transactional()) {
                y.append("      runInTransaction: false\n");
            }
            if (c.haltMessage() != null) {
                y.append("      preConditions:\n")
                        .append("        - onFail: HALT\n")
                        .append("        - onFailMessage: ").append(scalar(c.haltMessage())).append('\n')
                        .append("        - sqlCheck:\n")
                        .append("            expectedResult: written\n")
                        .append("            sql: select 'not written yet'\n");
            }
            y.append("      changes:\n");
            c.changes().forEach(s -> sqlChange(y, s.comment(), s.sql()));
            if (c.rollback() != null) {
                y.append("      rollback:\n");
                c.rollback().forEach(sql -> sqlChange(y, null, sql));
            }
        }
        return y.toString();
    }

    private static void sqlChange(StringBuilder y, String comment, String sql) {
        y.append("        - sql:\n");
        if (comment != null) {
            y.append("            comment: ").append(scalar(comment)).append('\n');
        }
        if (sql.contains(";")) {
            y.append("            splitStatements: false\n");
        }
        y.append("            sql: ");
        if (sql.contains("\n")) {
            y.append("|-\n");
            for (String line : sql.split("\n", -1)) {
                y.append("              ").append(line).append('\n');
            }
        } else {
            y.append(scalar(sql)).append('\n');
        }
    }

    /** A YAML scalar: plain when that is unambiguous, otherwise double-quoted. */
    static String scalar(String value) {
        boolean plain = !value.isEmpty() && value.matches("[A-Za-z0-9_(][A-Za-z0-9_ .,()'=<>*/+-]*")
                && !value.matches("[0-9_.+-]*")
                && !value.contains(": ") && !value.contains(" #") && !value.endsWith(" ")
                && !List.of("true", "false", "null", "yes", "no", "on", "off", "~")
                        .contains(value.toLowerCase(Locale.ROOT));
        if (plain) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
