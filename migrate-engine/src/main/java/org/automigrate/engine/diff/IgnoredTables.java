package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Tables that are never the model's and are never dropped: Liquibase's bookkeeping, our history,
 * Hibernate's run-time helper tables ({@code HTE_*}, {@code HT_*}), SQLite's internal tables, and
 * whatever the user lists in {@code ignoreTables} (a name, or a prefix ending in {@code *}).
 */
public final class IgnoredTables implements Predicate<String> {
    public static final String HISTORY_TABLE = "automigrate_history";
    private static final List<String> BUILT_IN = List.of(
            "databasechangelog", "databasechangeloglock", HISTORY_TABLE, "hte_*", "ht_*", "sqlite_*");

    private final List<String> patterns = new ArrayList<>();

    public IgnoredTables(List<String> userPatterns) {
        patterns.addAll(BUILT_IN);
        userPatterns.stream().map(String::strip).filter(p -> !p.isEmpty())
                .map(p -> p.toLowerCase(Locale.ROOT)).forEach(patterns::add);
    }

    @Override
    public boolean test(String table) {
        String name = table.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
