package org.automigrate.engine.diff;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a column type change can lose data: a shorter length, a smaller precision or scale, a smaller
 * integer, or a move to a type family that cannot hold every old value (text to number, number to
 * date, ...). Moving to text, or from integers to decimals, keeps every value.
 */
public final class TypeChanges {
    private static final Pattern TYPE = Pattern.compile("\\s*([a-z ]+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");
    private static final List<String> INTEGERS = List.of("tinyint", "smallint", "int", "integer", "bigint");
    private static final List<String> DECIMALS = List.of("numeric", "decimal", "real", "float", "double",
            "double precision");
    private static final List<String> TEXTS = List.of("varchar", "char", "character", "character varying",
            "nvarchar", "nchar", "text", "clob", "longvarchar");

    private TypeChanges() {
    }

    public static boolean narrows(String from, String to) {
        Matcher a = TYPE.matcher(from.toLowerCase(Locale.ROOT));
        Matcher b = TYPE.matcher(to.toLowerCase(Locale.ROOT));
        if (!a.matches() || !b.matches()) {
            return !from.equalsIgnoreCase(to);
        }
        String baseA = a.group(1).strip();
        String baseB = b.group(1).strip();
        if (baseA.equals(baseB) || family(baseA) != null && family(baseA).equals(family(baseB))) {
            if (INTEGERS.contains(baseA) && INTEGERS.contains(baseB)) {
                return rank(baseB) < rank(baseA);
            }
            if (TEXTS.contains(baseB) && (baseB.equals("text") || baseB.equals("clob"))) {
                return false;
            }
            if (TEXTS.contains(baseA) && (baseA.equals("text") || baseA.equals("clob")) && b.group(2) != null) {
                return true;
            }
            return smaller(a.group(2), b.group(2)) || smaller(a.group(3), b.group(3));
        }
        if (TEXTS.contains(baseB) && (baseB.equals("text") || baseB.equals("clob") || b.group(2) == null)) {
            return false; // anything can be written as text
        }
        return !(INTEGERS.contains(baseA) && DECIMALS.contains(baseB));
    }

    private static int rank(String integer) {
        return switch (integer) {
            case "tinyint" -> 0;
            case "smallint" -> 1;
            case "bigint" -> 3;
            default -> 2;
        };
    }

    private static String family(String base) {
        if (INTEGERS.contains(base)) {
            return "integer";
        }
        if (DECIMALS.contains(base)) {
            return "decimal";
        }
        if (TEXTS.contains(base)) {
            return "text";
        }
        return base;
    }

    private static boolean smaller(String from, String to) {
        return from != null && to != null && Integer.parseInt(to) < Integer.parseInt(from);
    }
}
