package org.automigrate.engine.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.automigrate.engine.BackupResult;
import org.automigrate.engine.BaselineResult;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.NewResult;
import org.automigrate.engine.RestoreResult;
import org.automigrate.engine.RollbackResult;
import org.automigrate.engine.RunStatus;

/**
 * A goal's outcome as one JSON document (RFC 8259), for CI jobs and tools that act on a run without reading
 * its log. Pure functions: no I/O.
 *
 * <p>The document is an envelope, always with the same keys in the same order: {@code schemaVersion},
 * {@code goal}, {@code status}, {@code errorCode}, {@code message}, {@code startedAt}, {@code elapsedMs},
 * {@code result}. {@code result} is the goal's result record with its components in declaration order
 * (its own {@code status} is the envelope's and is not repeated); {@code null} when the goal failed or was
 * skipped. Values: enums in lower case, paths and text as strings, instants as ISO-8601 UTC strings,
 * a duration component {@code x} as {@code xMs} in milliseconds, lists as arrays, nested records as objects.
 * Every string passes through a scrubber first, so no password reaches the file.
 *
 * <p>No JSON library is among the engine's dependencies (Liquibase and Hibernate only carry writers for their
 * own formats, SnakeYAML writes YAML), and this small writer is all the results need.
 */
public final class JsonResults {
    /** Raised when a key changes meaning or disappears; new keys keep the version. */
    public static final int SCHEMA_VERSION = 1;

    /** Results without a status of their own: the goals that change the database or write a file. */
    private static final Set<Class<?>> CHANGING = Set.of(BackupResult.class, RestoreResult.class,
            RollbackResult.class, BaselineResult.class, NewResult.class);

    private JsonResults() {
    }

    /** The document of a goal that ended normally with {@code result}. */
    public static String success(String goal, Object result, Instant started, Duration elapsed,
                                 UnaryOperator<String> scrub) {
        return envelope(goal, statusOf(result), null, null, started, elapsed, result, scrub);
    }

    /** The document of a goal that failed with {@code code}; {@code message} is the one the user saw. */
    public static String failure(String goal, ErrorCode code, String message, Instant started, Duration elapsed,
                                 UnaryOperator<String> scrub) {
        return envelope(goal, RunStatus.FAILED, code, message, started, elapsed, null, scrub);
    }

    /**
     * The document of a goal with both a result and, when it failed, an error: a run over many databases, whose
     * result lists every database also when some failed.
     */
    public static String outcome(String goal, RunStatus status, ErrorCode code, String message, Instant started,
                                 Duration elapsed, Object result, UnaryOperator<String> scrub) {
        return envelope(goal, status, code, message, started, elapsed, result, scrub);
    }

    /** The document of a goal skipped by configuration. */
    public static String skipped(String goal, Instant started) {
        return envelope(goal, RunStatus.SKIPPED, null, null, started, Duration.ZERO, null, UnaryOperator.identity());
    }

    /** A result's own status when it has one, else what the goal kind implies. */
    static RunStatus statusOf(Object result) {
        if (result instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getName().equals("status") && component.getType() == RunStatus.class) {
                    return (RunStatus) value(component, record);
                }
            }
        }
        return result != null && CHANGING.contains(result.getClass()) ? RunStatus.APPLIED : RunStatus.REPORTED;
    }

    private static String envelope(String goal, RunStatus status, ErrorCode code, String message, Instant started,
                                   Duration elapsed, Object result, UnaryOperator<String> scrub) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("schemaVersion", SCHEMA_VERSION);
        fields.put("goal", goal);
        fields.put("status", status);
        fields.put("errorCode", code);
        fields.put("message", message);
        fields.put("startedAt", started);
        fields.put("elapsedMs", elapsed.toMillis());
        fields.put("result", result instanceof Record record ? components(record, true) : result);
        StringBuilder out = new StringBuilder();
        new Writer(out, scrub).object(fields.entrySet().iterator(), 0);
        return out.append('\n').toString();
    }

    /** A record's components by name, in declaration order; a duration {@code x} as {@code xMs}. */
    private static Map<String, Object> components(Record record, boolean withoutStatus) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (withoutStatus && component.getName().equals("status") && component.getType() == RunStatus.class) {
                continue;
            }
            String key = component.getType() == Duration.class ? component.getName() + "Ms" : component.getName();
            fields.put(key, value(component, record));
        }
        return fields;
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "."
                    + component.getName(), e);
        }
    }

    /** Writes JSON values with two-space indentation; keys in the order given. */
    private record Writer(StringBuilder out, UnaryOperator<String> scrub) {
        void value(Object value, int depth) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
                out.append(value);
            } else if (value instanceof Enum<?> constant) {
                string(constant.name().toLowerCase(Locale.ROOT));
            } else if (value instanceof Instant instant) {
                string(instant.toString());
            } else if (value instanceof Duration duration) {
                out.append(duration.toMillis());
            } else if (value instanceof Record record) {
                object(components(record, false).entrySet().iterator(), depth);
            } else if (value instanceof Map<?, ?> map) {
                // a record's components keep their order; any other map is sorted, so the order is stable
                Map<String, Object> keyed = map instanceof LinkedHashMap<?, ?> ? new LinkedHashMap<>()
                        : new TreeMap<>();
                map.forEach((k, v) -> keyed.put(String.valueOf(k), v));
                object(keyed.entrySet().iterator(), depth);
            } else if (value instanceof Collection<?> items) {
                array(items, depth);
            } else {
                // Path, String and anything else: its text
                string(value instanceof Path path ? path.toString() : value.toString());
            }
        }

        void object(Iterator<Map.Entry<String, Object>> entries, int depth) {
            if (!entries.hasNext()) {
                out.append("{}");
                return;
            }
            out.append('{');
            while (entries.hasNext()) {
                Map.Entry<String, Object> entry = entries.next();
                newline(depth + 1);
                string(entry.getKey());
                out.append(": ");
                value(entry.getValue(), depth + 1);
                if (entries.hasNext()) {
                    out.append(',');
                }
            }
            newline(depth);
            out.append('}');
        }

        private void array(Collection<?> items, int depth) {
            if (items.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            Iterator<?> it = items.iterator();
            while (it.hasNext()) {
                newline(depth + 1);
                value(it.next(), depth + 1);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            newline(depth);
            out.append(']');
        }

        private void newline(int depth) {
            out.append('\n').append("  ".repeat(depth));
        }

        /** A JSON string: quote, backslash and control characters escaped (RFC 8259 section 7), lone surrogates too. */
        private void string(String raw) {
            String text = scrub.apply(raw);
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length()
                                && Character.isLowSurrogate(text.charAt(i + 1));
                        if (pairedHigh) {
                            out.append(c).append(text.charAt(++i));
                        } else if (c < 0x20 || Character.isSurrogate(c)) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
