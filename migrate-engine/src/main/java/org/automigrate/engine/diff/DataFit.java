package org.automigrate.engine.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.DbTable;

/**
 * Checks every narrowing of the diff against the data before anything runs: a shorter text length, a
 * smaller numeric precision or scale, a smaller integer type. Rows whose value would not fit stop the run,
 * whatever {@code allowDestructive} says (it allows dropping what the model no longer has, not cutting what
 * it keeps), unless the {@code truncate} setting names the column; then text is cut to the new length (on
 * SQLite too, which would otherwise keep the longer value) and decimals are rounded to the new scale. Values
 * out of an integer's or a decimal's range cannot be cut and always stop the run.
 */
public final class DataFit implements DiffProcessor {

    /** What a check found: how many rows do not fit and a few of them, as {@code id=7 'value'}. */
    public record Misfits(long count, List<String> examples) {
        public Misfits {
            examples = List.copyOf(examples);
        }
    }

    /** Counts the rows of a table where {@code condition} (SQL over the quoted column) holds. */
    public interface Counter {
        Misfits count(DbTable live, DbColumn column, String condition);
    }

    /** One narrowing of a column with data in it: {@code from} and {@code to} in their normalised spelling. */
    public record Narrowing(String table, String column, String from, String to) {
    }

    private static final Pattern TYPE = Pattern.compile("\\s*([a-z ]+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    private final DbSchema desired;
    private final DbSchema live;
    private final BiPredicate<String, String> narrows;
    private final UnaryOperator<String> normalize;
    private final Counter counter;
    private final Set<String> truncate;
    private final boolean sqlite;
    private final UnaryOperator<String> quote;

    /**
     * @param narrows   whether a change from the first normalised type to the second can lose data
     * @param normalize a declared type in the spelling {@code narrows} compares
     * @param truncate  lower-case {@code table.column} entries the user allows to be cut
     * @param sqlite    SQLite (rebuilds copy rows; {@code length()}) rather than a server ({@code char_length()})
     * @param quote     quotes an identifier for the SQL the change adds
     */
    public DataFit(DbSchema desired, DbSchema live, BiPredicate<String, String> narrows, UnaryOperator<String> normalize,
                   Counter counter, Set<String> truncate, boolean sqlite, UnaryOperator<String> quote) {
        this.desired = desired;
        this.live = live;
        this.narrows = narrows;
        this.normalize = normalize;
        this.counter = counter;
        this.truncate = truncate;
        this.sqlite = sqlite;
        this.quote = quote;
    }

    @Override
    public SchemaDiff process(SchemaDiff diff) {
        List<SchemaDiff.Blocker> blockers = new ArrayList<>(diff.blockers());
        List<SchemaChange> changes = new ArrayList<>(diff.changes());
        for (Narrowing narrowing : narrowings(diff)) {
            DbTable liveTable = live.table(narrowing.table()).orElseThrow();
            DbColumn column = liveTable.column(narrowing.column()).orElseThrow();
            String where = narrowing.table() + "." + narrowing.column();
            boolean allowed = truncate.contains(where.toLowerCase(Locale.ROOT));
            Matcher to = TYPE.matcher(narrowing.to());
            if (!to.matches()) {
                continue;
            }
            String base = to.group(1).strip();
            String q = quote.apply(column.name());
            if (isText(base) && to.group(2) != null) {
                int length = Integer.parseInt(to.group(2));
                Misfits misfits = counter.count(liveTable, column, (sqlite ? "length(" : "char_length(") + q + ") > " + length);
                if (misfits.count() == 0) {
                    continue;
                }
                if (!allowed) {
                    blockers.add(new SchemaDiff.Blocker(ErrorCode.DESTRUCTIVE_BLOCKED, "Cannot narrow " + where + " to "
                            + narrowing.to() + ": " + rows(misfits.count()) + " longer values, e.g. "
                            + String.join(", ", misfits.examples()) + ". allowDestructive allows dropping what the model "
                            + "no longer has, not cutting what it keeps: to cut these values to " + length
                            + " characters set <truncate>" + where + "</truncate> or -Dmigrate.truncate=" + where
                            + "; or shorten them first; or keep the length in the model. Nothing was changed."));
                } else {
                    cut(changes, liveTable, column, "substr(" + q + ", 1, " + length + ")",
                            (sqlite ? "length(" : "char_length(") + q + ") > " + length,
                            "cut " + where + " to " + length + " characters (" + misfits.count() + " row"
                                    + (misfits.count() == 1 ? "" : "s") + ", truncate)");
                }
            } else if (isInteger(base)) {
                long[] range = range(base);
                Misfits misfits = counter.count(liveTable, column, q + " < " + range[0] + " or " + q + " > " + range[1]);
                if (misfits.count() > 0) {
                    blockers.add(outOfRange(where, narrowing.to(), misfits, range[0] + ".." + range[1]));
                }
            } else if ((base.equals("numeric") || base.equals("decimal")) && to.group(2) != null) {
                int precision = Integer.parseInt(to.group(2));
                int scale = to.group(3) == null ? 0 : Integer.parseInt(to.group(3));
                String limit = "1" + "0".repeat(precision - scale);
                Misfits range = counter.count(liveTable, column, "abs(" + q + ") >= " + limit);
                if (range.count() > 0) {
                    blockers.add(outOfRange(where, narrowing.to(), range, "below " + limit + " in magnitude"));
                    continue;
                }
                Misfits rounded = counter.count(liveTable, column, q + " <> round(" + q + ", " + scale + ")");
                if (rounded.count() > 0 && !allowed) {
                    blockers.add(new SchemaDiff.Blocker(ErrorCode.DESTRUCTIVE_BLOCKED, "Cannot narrow " + where + " to "
                            + narrowing.to() + ": " + rows(rounded.count()) + " values with more than " + scale
                            + " decimal" + (scale == 1 ? "" : "s") + ", e.g. " + String.join(", ", rounded.examples())
                            + ". allowDestructive allows dropping what the model no longer has, not rounding what it "
                            + "keeps: to round them set <truncate>" + where + "</truncate> or -Dmigrate.truncate=" + where
                            + "; or keep the scale in the model. Nothing was changed."));
                }
            }
        }
        return new SchemaDiff(changes, blockers, diff.hints());
    }

    /**
     * The narrowings of columns the database has, on tables where the diff makes a destructive change (the
     * comparer's own verdict; the types it compares are read again here to know the old and new sizes).
     */
    public List<Narrowing> narrowings(SchemaDiff diff) {
        List<Narrowing> result = new ArrayList<>();
        for (DbTable want : desired.tables()) {
            boolean destructive = diff.changes().stream().anyMatch(c -> c.safety() == Safety.DESTRUCTIVE
                    && c.table().equalsIgnoreCase(want.name()));
            Optional<DbTable> have = live.table(want.name());
            if (!destructive || have.isEmpty()) {
                continue;
            }
            for (DbColumn column : want.columns()) {
                Optional<DbColumn> old = have.get().column(column.name());
                if (old.isEmpty()) {
                    continue;
                }
                String from = normalize.apply(old.get().type()).toLowerCase(Locale.ROOT);
                String to = normalize.apply(column.type()).toLowerCase(Locale.ROOT);
                if (!from.equals(to) && narrows.test(from, to)) {
                    result.add(new Narrowing(have.get().name(), old.get().name(), from, to));
                }
            }
        }
        return result;
    }

    /** Makes the change cut the column's values: on SQLite in the rebuild's copy, on a server by an update first. */
    private void cut(List<SchemaChange> changes, DbTable liveTable, DbColumn column, String expression, String condition,
                     String description) {
        for (int i = 0; i < changes.size(); i++) {
            SchemaChange change = changes.get(i);
            if (!change.table().equalsIgnoreCase(liveTable.name())) {
                continue;
            }
            if (sqlite && change instanceof SchemaChange.RebuildTable rebuild) {
                List<String> sources = new ArrayList<>(rebuild.sources());
                int at = indexOf(rebuild.columns(), column.name());
                if (at >= 0) {
                    sources.set(at, expression.replace(quote.apply(column.name()), sources.get(at)));
                    List<String> reasons = new ArrayList<>(rebuild.reasons());
                    reasons.add(description);
                    changes.set(i, new SchemaChange.RebuildTable(rebuild.desired(), rebuild.live(), reasons,
                            rebuild.columns(), sources, rebuild.children(), Safety.DESTRUCTIVE));
                }
                return;
            }
            if (!sqlite) {
                String table = quote.apply(liveTable.name());
                String q = quote.apply(column.name());
                changes.add(i, new SchemaChange.ServerChange("update", liveTable.name(), description, Safety.DESTRUCTIVE,
                        List.of("UPDATE " + table + " SET " + q + " = " + expression + " WHERE " + condition), null));
                return;
            }
        }
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static SchemaDiff.Blocker outOfRange(String where, String to, Misfits misfits, String range) {
        return new SchemaDiff.Blocker(ErrorCode.DESTRUCTIVE_BLOCKED, "Cannot narrow " + where + " to " + to + ": "
                + rows(misfits.count()) + " values outside its range (" + range + "), e.g. "
                + String.join(", ", misfits.examples()) + ". Such values cannot be cut (not even with truncate): change "
                + "or delete those rows first, or keep the type in the model. Nothing was changed.");
    }

    private static String rows(long count) {
        return count + (count == 1 ? " row holds" : " rows hold");
    }

    private static boolean isText(String base) {
        return base.equals("varchar") || base.equals("char") || base.equals("character") || base.equals("nvarchar")
                || base.equals("nchar") || base.equals("character varying");
    }

    private static boolean isInteger(String base) {
        return base.equals("tinyint") || base.equals("smallint") || base.equals("int") || base.equals("integer")
                || base.equals("mediumint");
    }

    private static long[] range(String base) {
        return switch (base) {
            case "tinyint" -> new long[] {-128, 127};
            case "smallint" -> new long[] {-32768, 32767};
            case "mediumint" -> new long[] {-8388608, 8388607};
            default -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
        };
    }

    /** A value as an example: text quoted and cut after 20 characters. */
    public static String example(String key, Object value) {
        String text;
        if (value == null) {
            text = "NULL";
        } else if (value instanceof Number) {
            text = value.toString();
        } else {
            String s = value.toString();
            text = "'" + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "'";
        }
        return key == null || key.isEmpty() ? text : key + " " + text;
    }
}
