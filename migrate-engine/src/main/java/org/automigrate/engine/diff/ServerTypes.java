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
        if (canonical(from).replace(" with time zone", "").equals(canonical(to).replace(" with time zone", ""))) {
            return false; // a time zone added or dropped: every value is kept, read in the session's time zone
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

    private static final Pattern SIX = Pattern.compile("^(timestamp|time)\\(6\\)( with(out)? time zone)?$");

    /**
     * The type as the server spells it in its own catalog (PostgreSQL's {@code format_type}, MariaDB's
     * {@code information_schema.columns.column_type}), reduced to what it means, so that a column another tool
     * created compares equal to the same column Hibernate creates: PostgreSQL's {@code timestamp} is
     * {@code timestamp(6)} (6 is the default precision), {@code without time zone} is the default, {@code numeric}
     * is {@code decimal}; MariaDB's {@code tinyint(1)} and {@code bit(1)} are both booleans, integer display widths
     * are not sizes. MariaDB's {@code datetime} (whole seconds) stays different from {@code datetime(6)}.
     */
    public static String canonical(String type) {
        String t = type.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ").replaceAll("\\s*,\\s*", ",")
                .replaceAll("\\s*\\(\\s*", "(").replaceAll("\\s*\\)", ")");
        Matcher six = SIX.matcher(t);
        if (six.matches()) {
            t = six.group(1) + (six.group(2) == null ? "" : six.group(2));
        }
        t = t.replace(" without time zone", "");
        if (t.matches("(tinyint|smallint|mediumint|int|integer|bigint)\\(\\d+\\)( unsigned)?( zerofill)?")
                && !t.startsWith("tinyint(1)")) {
            t = t.replaceFirst("\\(\\d+\\)", "");
        }
        String base = t.contains("(") ? t.substring(0, t.indexOf('(')) : t;
        String args = t.substring(base.length());
        return switch (t) {
            case "tinyint(1)", "bit(1)", "bit", "bool", "boolean" -> "boolean";
            default -> switch (base) {
                case "int4", "int", "integer" -> "integer" + args;
                case "int8", "bigint" -> "bigint" + args;
                case "int2", "smallint" -> "smallint" + args;
                case "float8", "double", "double precision" -> "double precision";
                case "float4", "real" -> "real";
                case "character varying" -> "varchar" + args;
                case "bpchar", "character" -> "char" + args;
                case "decimal" -> "numeric" + args;
                case "timestamptz" -> "timestamp with time zone";
                case "timetz" -> "time with time zone";
                default -> t;
            };
        };
    }

    /** Whether two catalog spellings name the same type. */
    public static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
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
