package org.automigrate.engine.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.automigrate.engine.RunStatus;

/**
 * The summary of a run over many databases as lines: the verdict, a table with one row per database (target,
 * status, changesets, time, error) and, for each database that failed, its whole message. Pure functions.
 */
public final class FleetSummary {
    /** Errors longer than this are cut in the table; the whole message follows it. */
    static final int ERROR_WIDTH = 100;

    private FleetSummary() {
    }

    /** The summary lines. */
    public static List<String> lines(FleetResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("Summary of " + result.goal() + " on " + result.targets().size() + " database"
                + (result.targets().size() == 1 ? "" : "s") + " (" + result.threads() + " thread"
                + (result.threads() == 1 ? "" : "s") + ", " + time(result.elapsed()) + "): " + verdict(result));
        if (result.generatedOn() != null) {
            lines.add("The changeset " + result.changelogFile().getFileName() + " was generated from "
                    + result.generatedOn() + "; the other databases applied it.");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"target", "status", "changesets", "time", "error"});
        for (TargetOutcome outcome : result.targets()) {
            rows.add(new String[] {outcome.target(), word(result.goal(), outcome), String.valueOf(outcome.changesets()),
                    outcome.status() == RunStatus.SKIPPED ? "-" : time(outcome.elapsed()), shortError(outcome)});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append("  ").append(pad(row[i], widths[i]));
            }
            lines.add(line.append("  ").append(row[widths.length]).toString().stripTrailing()); // the error, unpadded
        }
        List<TargetOutcome> failed = result.targets().stream().filter(TargetOutcome::failed).toList();
        if (!failed.isEmpty()) {
            lines.add("Failed: " + String.join(", ", result.failedTargets()) + ". A failed database is left as a "
                    + "single run leaves it (see its message); the others are unaffected.");
            for (TargetOutcome outcome : failed) {
                List<String> message = outcome.error().lines().toList();
                lines.add("  " + outcome.target() + ": " + (message.isEmpty() ? "" : message.get(0)));
                message.stream().skip(1).forEach(line -> lines.add("    " + line));
            }
        }
        if (result.notStarted() > 0) {
            lines.add("Not started (failFast): " + result.notStarted() + " database" + (result.notStarted() == 1 ? ""
                    : "s") + "; run again once the failure is fixed.");
        }
        return lines;
    }

    /** {@code 49 migrated, 1 failed}, with the databases not started. */
    static String verdict(FleetResult result) {
        String word = result.goal().equals("auto") || result.goal().equals("apply") ? "migrated"
                : result.goal().equals("verify") ? "verified" : "read";
        return result.succeeded() + " " + word + ", " + result.failed() + " failed"
                + (result.notStarted() > 0 ? ", " + result.notStarted() + " not started" : "");
    }

    /** A database's status for people: {@code migrated}, {@code up to date}, {@code FAILED}, .... */
    static String word(String goal, TargetOutcome outcome) {
        return switch (outcome.status()) {
            case APPLIED -> "migrated";
            case NO_CHANGES -> "up to date";
            case DRY_RUN -> "changes pending";
            case REPORTED -> goal.equals("verify") ? "verified" : "read";
            case FAILED -> "FAILED";
            case SKIPPED -> "not started";
        };
    }

    /** The first line of the error, without the {@code Migration of <url> failed: } the row already says. */
    static String shortError(TargetOutcome outcome) {
        if (outcome.error() == null) {
            return "";
        }
        String first = outcome.error().lines().findFirst().orElse("");
        String prefix = "Migration of " + outcome.database() + " failed: ";
        if (first.startsWith(prefix)) {
            first = first.substring(prefix.length());
        }
        return first.length() > ERROR_WIDTH ? first.substring(0, ERROR_WIDTH - 3) + "..." : first;
    }

    /** {@code 840 ms}, {@code 12.3 s}, {@code 2 min 5 s}. */
    static String time(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return millis / 60_000 + " min " + (millis % 60_000) / 1000 + " s";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
