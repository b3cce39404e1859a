package org.automigrate.engine.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbForeignKey;
import org.automigrate.engine.schema.DbTable;

/**
 * Tables as a Mermaid {@code erDiagram}, which GitHub and GitLab render in Markdown: each table with its
 * columns (type, name, {@code PK}/{@code FK}/{@code UK}), and one relationship per foreign key.
 * Mermaid accepts only letters, digits and underscores in entity names and a few more characters in
 * attribute types and names, so every name is sanitised (kept unique): a column whose name changed carries
 * its real name as its comment, a table a Mermaid comment line ({@code %%}) above it. Entity aliases
 * ({@code e["name"]}) would show the real name, but need Mermaid 10.5, which not every renderer has. Pure function.
 */
public final class MermaidErDiagram {
    private MermaidErDiagram() {
    }

    /** The diagram's lines, without the Markdown fence. */
    public static List<String> render(Collection<DbTable> tables) {
        Names entities = new Names();
        tables.forEach(table -> entities.of(table.name()));
        List<String> lines = new ArrayList<>();
        lines.add("erDiagram");
        for (DbTable table : tables) {
            String entity = entities.of(table.name());
            if (!entity.equals(table.name())) {
                lines.add("    %% " + entity + " is the table \"" + label(table.name()) + "\"");
            }
            lines.add("    " + entity + " {");
            Names attributes = new Names();
            for (DbColumn column : table.columns()) {
                lines.add("        " + typeWord(ColumnFacts.type(column)) + " " + attributes.of(column.name())
                        + keys(table, column) + comment(column, attributes.of(column.name())));
            }
            lines.add("    }");
        }
        for (DbTable table : tables) {
            for (DbForeignKey fk : table.foreignKeys()) {
                boolean required = ColumnFacts.required(table, fk);
                boolean oneToOne = ColumnFacts.isUnique(table, fk.columns());
                lines.add("    " + entities.of(fk.refTable()) + " " + (required ? "||" : "|o") + "--"
                        + (oneToOne ? "o|" : "o{") + " " + entities.of(table.name()) + " : \""
                        + label(String.join(", ", fk.columns())) + "\"");
            }
        }
        return lines;
    }

    private static String keys(DbTable table, DbColumn column) {
        List<String> keys = ColumnFacts.keys(table, column);
        return keys.isEmpty() ? "" : " " + String.join(", ", keys);
    }

    /**
     * The comment: the real name when it had to be changed, the declared type when the type word cannot hold it,
     * then NOT NULL and the default as declared.
     */
    private static String comment(DbColumn column, String attribute) {
        List<String> parts = new ArrayList<>();
        if (!attribute.equals(column.name())) {
            parts.add(column.name());
        }
        String type = ColumnFacts.type(column);
        if (!typeWord(type).equals(type)) {
            parts.add(type);
        }
        String constraints = ColumnFacts.constraints(column);
        if (!constraints.isEmpty()) {
            parts.add(constraints);
        }
        return parts.isEmpty() ? "" : " \"" + label(String.join(", ", parts)) + "\"";
    }

    /**
     * The type as an attribute type every Mermaid release parses: the declared type when it is letters, digits and
     * {@code _-()[]} ({@code varchar(120)}, {@code bigint}); else its leading word ({@code numeric} of
     * {@code numeric(21,2)}, {@code timestamp} of {@code timestamp with time zone}), and the comment holds the
     * declared type. (Mermaid 11.0 still rejects a comma there; GitHub's renderer may be older than the release
     * that takes it.)
     */
    static String typeWord(String type) {
        if (MERMAID_TYPE.matcher(type).matches()) {
            return type;
        }
        Matcher word = LEADING_WORD.matcher(type);
        return word.lookingAt() ? word.group() : "untyped";
    }

    private static final Pattern MERMAID_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-()\\[\\]]*");
    private static final Pattern LEADING_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** Text inside a Mermaid quoted string, which ends at the next double quote. */
    private static String label(String text) {
        return text.replace('"', '\'');
    }

    /** Sanitised identifiers: letters, digits and underscores, a letter first, unique within one scope. */
    private static final class Names {
        private final Map<String, String> byName = new HashMap<>();
        private final Set<String> used = new HashSet<>();

        String of(String name) {
            return byName.computeIfAbsent(name, this::fresh);
        }

        private String fresh(String name) {
            String base = name.replaceAll("[^A-Za-z0-9_]", "_");
            if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
                base = "t_" + base;
            }
            String candidate = base;
            for (int n = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
                candidate = base + "_" + n;
            }
            return candidate;
        }
    }
}
