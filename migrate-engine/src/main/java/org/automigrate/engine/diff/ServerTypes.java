package org.automigrate.engine.diff;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type names as PostgreSQL and MariaDB report them, made comparable for {@link TypeChanges}: PostgreSQL's
 * internal names ({@code int4}, {@code int8}, {@code float8}, {@code bool}, {@code varchar(n BYTE)}) become
 * the standard ones, and a MariaDB {@code ENUM(...)} narrows exactly when a constant is dropped.
 */
public final class ServerTypes {
    private static final Pattern ENUM = Pattern.compile("(?i)\\s*enum\\s*\\((.*)\\)\\s*");

    private ServerTypes() {
    }

    /** Whether changing a column from {@code from} to {@code to} can lose data. */
    public static boolean narrows(String from, String to) {
        Matcher a = ENUM.matcher(from);
        Matcher b = ENUM.matcher(to);
        if (a.matches() && b.matches()) {
            return !constants(b.group(1)).containsAll(constants(a.group(1)));
        }
        if (a.matches()) {
            return !normalize(to).startsWith("varchar") && !normalize(to).equals("text");
        }
        return TypeChanges.narrows(normalize(from), normalize(to));
    }

    /** The standard spelling of a server's type name, lower case. */
    public static String normalize(String type) {
        String t = type.toLowerCase(Locale.ROOT).replace(" byte", "").replace(" char)", ")").strip();
        t = t.replaceAll("\\s+", " ");
        String base = t.contains("(") ? t.substring(0, t.indexOf('(')).strip() : t;
        String args = t.contains("(") ? t.substring(t.indexOf('(')) : "";
        String mapped = switch (base) {
            case "int2" -> "smallint";
            case "int4", "int", "serial" -> "integer";
            case "int8", "bigserial" -> "bigint";
            case "float4" -> "real";
            case "float8", "double" -> "double precision";
            case "bool", "boolean", "bit" -> "boolean";
            case "character varying" -> "varchar";
            case "bpchar", "character" -> "char";
            case "timestamptz" -> "timestamp with time zone";
            case "datetime" -> "timestamp";
            default -> base;
        };
        if (mapped.equals("integer") || mapped.equals("bigint") || mapped.equals("smallint")
                || mapped.equals("double precision") || mapped.equals("boolean") || mapped.equals("date")) {
            args = ""; // display widths (int(11), DOUBLE(22), DATE(10)) are not sizes
        }
        return mapped + args;
    }

    private static final Pattern CAST = Pattern.compile("(?i)::\\s*(character varying|character|varchar|text|bpchar|"
            + "integer|bigint|smallint|numeric|boolean|double precision|real|date|"
            + "timestamp(?: without time zone| with time zone)?)(\\[\\])?");

    /**
     * A CHECK constraint's definition reduced to what it means, so that the same condition written two
     * ways compares equal: PostgreSQL prints a condition it was given inline differently from one it was
     * given by {@code ALTER TABLE ... ADD CONSTRAINT} (casts, parentheses, {@code IN} as {@code = ANY}).
     */
    public static String checkKey(String definition) {
        String key = CAST.matcher(definition).replaceAll("");
        key = key.replaceAll("[()\\s]", "").toLowerCase(Locale.ROOT);
        return key;
    }

    private static Set<String> constants(String list) {
        Set<String> values = new TreeSet<>();
        Arrays.stream(list.split(",")).map(String::strip).forEach(values::add);
        return values;
    }
}
