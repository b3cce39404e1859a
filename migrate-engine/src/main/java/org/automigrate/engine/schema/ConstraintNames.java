package org.automigrate.engine.schema;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names a server gave a table's primary key, unique constraints and CHECK constraints: what a change needs
 * to drop one. Differences are found by what a constraint says (its columns, its condition), never by its
 * name, so these names are looked up, not compared. SQLite writes its constraints inline and has none.
 *
 * @param primaryKey the primary key constraint's name, or null
 * @param uniques    lower-case columns joined by {@code ,} to the name; a name starting with {@link #INDEX} is a
 *                   unique index that backs no constraint (dropped with {@code DROP INDEX})
 * @param checks     a CHECK constraint's definition, as the table's {@code checks} hold it, to its name
 */
public record ConstraintNames(String primaryKey, Map<String, String> uniques, Map<String, String> checks) {
    public static final String INDEX = "index:";
    public static final ConstraintNames NONE = new ConstraintNames(null, Map.of(), Map.of());

    public ConstraintNames {
        uniques = Map.copyOf(uniques);
        checks = Map.copyOf(checks);
    }

    /** The key {@link #uniques} uses for a list of columns. */
    public static String uniqueKey(List<String> columns) {
        return String.join(",", columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
    }

    /** The name of the unique constraint (or index) on exactly {@code columns}, or null. */
    public String unique(List<String> columns) {
        return uniques.get(uniqueKey(columns));
    }

    /** The same names after a column of the table was renamed (unique constraints are keyed by their columns). */
    public ConstraintNames renameColumn(String from, String to) {
        java.util.Map<String, String> renamed = new java.util.HashMap<>();
        uniques.forEach((columns, name) -> renamed.put(uniqueKey(java.util.Arrays.stream(columns.split(","))
                .map(c -> c.equalsIgnoreCase(from) ? to : c).toList()), name));
        return new ConstraintNames(primaryKey, renamed, checks);
    }

    /** The name of the CHECK constraint with this definition, or null. */
    public String check(String definition) {
        return checks.get(definition);
    }
}
