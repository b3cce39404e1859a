package org.automigrate.engine.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a CREATE TABLE statement into its column definitions and table constraints, and finds
 * their CHECK expressions. SQLite's PRAGMAs do not report CHECK constraints (enum columns rely on
 * them), and adding a column in place needs its definition exactly as the model's DDL writes it.
 */
public final class CreateTableSql {
    private static final List<String> CONSTRAINT_WORDS = List.of("constraint", "primary", "unique", "check", "foreign");

    /** One column definition. */
    public record ColumnDef(String name, String text, List<String> checks) {
    }

    private final Map<String, ColumnDef> columns = new LinkedHashMap<>();
    private final List<String> tableChecks = new ArrayList<>();

    private CreateTableSql() {
    }

    public static CreateTableSql parse(String sql) {
        CreateTableSql result = new CreateTableSql();
        int open = sql.indexOf('(');
        int close = sql.lastIndexOf(')');
        if (open < 0 || close < open) {
            return result;
        }
        for (String element : splitTopLevel(sql.substring(open + 1, close))) {
            String trimmed = element.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String first = firstWord(trimmed);
            if (CONSTRAINT_WORDS.contains(first.toLowerCase(Locale.ROOT)) && !isQuoted(trimmed)) {
                result.tableChecks.addAll(checks(trimmed));
            } else {
                String name = unquote(first);
                result.columns.put(name.toLowerCase(Locale.ROOT), new ColumnDef(name, trimmed, checks(trimmed)));
            }
        }
        return result;
    }

    /** The statement with the table's name replaced (the name is what stands before the first parenthesis). */
    public static String renamed(String sql, String newName) {
        int open = sql.indexOf('(');
        String head = sql.substring(0, open).strip();
        int nameStart = head.length();
        char last = head.charAt(head.length() - 1);
        if (last == '"' || last == '`' || last == ']') {
            char opening = last == ']' ? '[' : last;
            nameStart = head.lastIndexOf(opening, head.length() - 2);
        } else {
            while (nameStart > 0 && !Character.isWhitespace(head.charAt(nameStart - 1))) {
                nameStart--;
            }
        }
        return head.substring(0, nameStart) + newName + " " + sql.substring(open);
    }

    /** The statement with one column or constraint per line, for review; SQLite keeps it as written. */
    public static String multiLine(String sql) {
        int open = sql.indexOf('(');
        int close = sql.lastIndexOf(')');
        if (open < 0 || close < open || sql.substring(open + 1, close).contains("\n")) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.substring(0, open).strip()).append(" (");
        List<String> parts = splitTopLevel(sql.substring(open + 1, close));
        for (int i = 0; i < parts.size(); i++) {
            out.append("\n    ").append(parts.get(i).strip()).append(i < parts.size() - 1 ? "," : "");
        }
        return out.append("\n)").append(sql.substring(close + 1)).toString();
    }

    public ColumnDef column(String name) {
        return columns.get(name.toLowerCase(Locale.ROOT));
    }

    public List<String> tableChecks() {
        return tableChecks;
    }

    /** Normalises SQL text for comparison: lower case outside quotes, no redundant whitespace. */
    public static String normalize(String text) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'') {
                quote = c;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0 && !isTight(out.charAt(out.length() - 1)) && !isTight(c)) {
                out.append(' ');
            }
            space = false;
            out.append(c == '"' || c == '`' ? "" : String.valueOf(Character.toLowerCase(c)));
        }
        return out.toString();
    }

    private static boolean isTight(char c) {
        return c == '(' || c == ')' || c == ',';
    }

    private static List<String> checks(String element) {
        List<String> found = new ArrayList<>();
        String lower = element.toLowerCase(Locale.ROOT);
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && lower.startsWith("check", i) && boundary(lower, i - 1)
                    && boundary(lower, i + 5)) {
                int start = element.indexOf('(', i);
                int end = matching(element, start);
                if (start >= 0 && end > start) {
                    found.add(withoutOuterParentheses(normalize(element.substring(start + 1, end))));
                    i = end;
                }
            }
        }
        return found;
    }

    /**
     * A CHECK expression without the parentheses around all of it, as SQLite keeps a condition written
     * either way: {@code ((status in ('NEW','PAID')))} and {@code status in ('NEW','PAID')} are one condition.
     */
    static String withoutOuterParentheses(String expression) {
        String e = expression.strip();
        while (e.startsWith("(") && matching(e, 0) == e.length() - 1) {
            e = e.substring(1, e.length() - 1).strip();
        }
        return e;
    }

    private static boolean boundary(String s, int i) {
        return i < 0 || i >= s.length() || !(Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_');
    }

    private static int matching(String s, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                quote = c == '[' ? ']' : c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }

    private static String firstWord(String element) {
        char c = element.charAt(0);
        if (c == '"' || c == '`' || c == '[') {
            char close = c == '[' ? ']' : c;
            int end = element.indexOf(close, 1);
            return end > 0 ? element.substring(0, end + 1) : element;
        }
        int end = 0;
        while (end < element.length() && !Character.isWhitespace(element.charAt(end)) && element.charAt(end) != '(') {
            end++;
        }
        return element.substring(0, end);
    }

    private static boolean isQuoted(String element) {
        char c = element.charAt(0);
        return c == '"' || c == '`' || c == '[';
    }

    static String unquote(String name) {
        if (name.length() >= 2) {
            char c = name.charAt(0);
            if (c == '"' || c == '`' || c == '[') {
                return name.substring(1, name.length() - 1);
            }
        }
        return name;
    }
}
