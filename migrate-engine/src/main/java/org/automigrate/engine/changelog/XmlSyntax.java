package org.automigrate.engine.changelog;

import java.util.List;

/**
 * Liquibase XML, valid against {@code dbchangelog-4.33.xsd}: one {@code <sql>} per statement with the SQL in
 * CDATA, a {@code <rollback>} element, {@code runInTransaction="false"}, {@code <preConditions>} for HALT.
 */
final class XmlSyntax implements ChangesetSyntax {
    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    @Override
    public String prolog() {
        return PROLOG;
    }

    @Override
    public String comment(String text) {
        // "--" may not appear inside an XML comment
        return "<!-- " + text.replace("--", "- -") + " -->\n";
    }

    @Override
    public String preconditionName() {
        return "its <preConditions> element";
    }

    @Override
    public String changesets(List<GeneratedChangeset> changesets) {
        StringBuilder x = new StringBuilder("<databaseChangeLog\n")
                .append("        xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n")
                .append("        xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("        xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog\n")
                .append("            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd\">\n");
        for (GeneratedChangeset c : changesets) {
            x.append("    <changeSet id=\"").append(attribute(c.id())).append("\" author=\"")
                    .append(attribute(c.author())).append('"');
            if (c.dbms() != null) {
                x.append(" dbms=\"").append(attribute(c.dbms())).append('"');
            }
            if (!c.transactional()) {
                x.append(" runInTransaction=\"false\"");
            }
            x.append(">\n");
            if (c.haltMessage() != null) {
                x.append("        <preConditions onFail=\"HALT\" onFailMessage=\"").append(attribute(c.haltMessage()))
                        .append("\">\n")
                        .append("            <sqlCheck expectedResult=\"written\">select 'not written yet'</sqlCheck>\n")
                        .append("        </preConditions>\n");
            }
            x.append("        <comment>").append(text(c.comment())).append("</comment>\n");
            c.changes().forEach(s -> sql(x, "        ", s.comment(), s.sql()));
            if (c.rollback() != null) {
                x.append("        <rollback>\n");
                c.rollback().forEach(sql -> sql(x, "            ", null, sql));
                x.append("        </rollback>\n");
            }
            x.append("    </changeSet>\n");
        }
        return x.append("</databaseChangeLog>\n").toString();
    }

    private static void sql(StringBuilder x, String indent, String comment, String sql) {
        x.append(indent).append("<sql");
        if (sql.contains(";")) {
            x.append(" splitStatements=\"false\"");
        }
        x.append('>');
        if (comment != null) {
            x.append("<comment>").append(text(comment)).append("</comment>");
        }
        x.append("<![CDATA[").append(sql.replace("]]>", "]]]]><![CDATA[>")).append("]]></sql>\n");
    }

    private static String text(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attribute(String value) {
        return text(value).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
