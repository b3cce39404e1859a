package org.automigrate.engine.diff;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What counts as the same type, default and CHECK on one kind of database: the comparer's normalisation
 * rules. Each side of a comparison is read from the same kind of server, but not always written by the same
 * tool (Hibernate's DDL in the shadow; an application's own Liquibase, {@code ddl-auto} or a DBA in the live
 * database), so spellings that mean the same thing must compare equal, and nothing else may.
 */
public interface ComparisonRules {

    /** The type in the spelling two equal types share. */
    String typeKey(String type);

    /** Whether changing a column from type {@code from} to {@code to} (as declared) can lose data. */
    boolean narrows(String from, String to);

    /** The default expression in the spelling two equal defaults share; null for none. */
    String defaultKey(String value);

    /** The CHECK constraint's condition in the spelling two equal conditions share. */
    String checkKey(String definition);

    /** A type in the spelling {@link DataFit} reads sizes from ({@code varchar(30)}, {@code numeric(10,2)}). */
    String fitSpelling(String type);

    /** Whether a change between two types in {@link #fitSpelling} can lose data. */
    boolean fitNarrows(String from, String to);

    /** SQLite: the declared text, case and whitespace normalised (SQLite keeps a column's type as written). */
    ComparisonRules SQLITE = new ComparisonRules() {
        public String typeKey(String type) {
            return SchemaComparer.normalizedType(type);
        }

        public boolean narrows(String from, String to) {
            return TypeChanges.narrows(typeKey(from), typeKey(to));
        }

        public String defaultKey(String value) {
            return SchemaComparer.normalizedDefault(value);
        }

        public String checkKey(String definition) {
            return definition;
        }

        public String fitSpelling(String type) {
            return SchemaComparer.normalizedType(type);
        }

        public boolean fitNarrows(String from, String to) {
            return TypeChanges.narrows(from, to);
        }
    };

    /** PostgreSQL and MariaDB/MySQL: {@link ServerTypes#canonical} types, defaults without casts. */
    ComparisonRules SERVER = new ComparisonRules() {
        public String typeKey(String type) {
            return ServerTypes.canonical(type == null ? "" : type);
        }

        public boolean narrows(String from, String to) {
            return ServerTypes.narrows(from, to);
        }

        public String defaultKey(String value) {
            return serverDefault(value);
        }

        public String checkKey(String definition) {
            return ServerTypes.checkKey(definition);
        }

        public String fitSpelling(String type) {
            return ServerTypes.normalize(type);
        }

        public boolean fitNarrows(String from, String to) {
            return ServerTypes.narrows(from, to);
        }
    };

    /** A cast PostgreSQL writes into a default it reports ({@code 'x'::character varying}, {@code 0::numeric(10,2)}). */
    Pattern CAST = Pattern.compile("::\\s*\"?[a-z][a-z0-9_ ]*\"?(\\s*\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?(\\[\\])?");

    /**
     * A server default reduced to what it means: no casts, no enclosing parentheses, function names in lower
     * case with their empty argument lists dropped ({@code CURRENT_TIMESTAMP} and MariaDB's
     * {@code current_timestamp()} agree), quoted text kept exactly.
     */
    static String serverDefault(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("null") || s.toLowerCase(Locale.ROOT).startsWith("null::")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < s.length()) {
                    if (s.charAt(end) == '\'' && end + 1 < s.length() && s.charAt(end + 1) == '\'') {
                        end += 2;
                    } else if (s.charAt(end) == '\'') {
                        break;
                    } else {
                        end++;
                    }
                }
                out.append(s, i, Math.min(end + 1, s.length()));
                i = end + 1;
                continue;
            }
            Matcher cast = CAST.matcher(s).region(i, s.length());
            if (cast.lookingAt()) {
                i = cast.end();
                continue;
            }
            out.append(Character.toLowerCase(c));
            i++;
        }
        String result = out.toString().replaceAll("\\s+", " ").replace("()", "").strip();
        while (result.startsWith("(") && result.endsWith(")") && balanced(result.substring(1, result.length() - 1))) {
            result = result.substring(1, result.length() - 1).strip();
        }
        return switch (result) {
            case "now", "current_timestamp", "localtimestamp" -> "current_timestamp";
            case "true" -> "1";
            case "false" -> "0";
            default -> result;
        };
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
