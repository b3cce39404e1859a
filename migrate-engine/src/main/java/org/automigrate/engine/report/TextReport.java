package org.automigrate.engine.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.automigrate.engine.ApplyResult;
import org.automigrate.engine.AutoResult;
import org.automigrate.engine.BackupResult;
import org.automigrate.engine.BaselineResult;
import org.automigrate.engine.CheckResult;
import org.automigrate.engine.DiffResult;
import org.automigrate.engine.NewResult;
import org.automigrate.engine.RestoreResult;
import org.automigrate.engine.RollbackResult;
import org.automigrate.engine.VerifyResult;
import org.automigrate.engine.DiscoverResult;
import org.automigrate.engine.HistoryResult;
import org.automigrate.engine.PlannedChange;
import org.automigrate.engine.PreviewResult;
import org.automigrate.engine.ReportResult;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.StatusResult;
import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.discovery.DiscoveredModel;
import org.automigrate.engine.history.HistoryEntry;

/**
 * Turns goal results into the lines a user reads on the console. Pure functions: no I/O, and the
 * only environment they read is the local time zone for timestamps.
 */
public final class TextReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String SQL_INDENT = "      ";

    private TextReport() {
    }

    /** The model classes found, one line each, after the naming strategy and the counts. */
    public static List<String> discover(DiscoverResult result) {
        List<String> lines = new ArrayList<>();
        long entities = result.entityCount();
        lines.add("Naming: " + result.naming().describe());
        lines.add(count(entities, "entity", "entities") + ", "
                + count(result.models().size() - entities, "other model class", "other model classes") + ", "
                + count(result.tables().size(), "table", "tables"));
        int width = 0;
        for (DiscoveredModel.Kind kind : DiscoveredModel.Kind.values()) {
            width = Math.max(width, kindName(kind).length());
        }
        for (DiscoveredModel model : result.models()) {
            String kind = String.format(Locale.ROOT, "%-" + width + "s", kindName(model.kind()));
            String table = model.table() == null ? "-" : model.table();
            lines.add("  " + kind + " " + model.className() + " -> " + table
                    + "  " + model.sourceFile() + "  " + model.hash());
        }
        return lines;
    }

    /** Connection, model, changesets, differences, last backup and last run, then the verdict. */
    public static List<String> status(StatusResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("Database: " + result.database()
                + (result.databaseExists() ? " (exists)" : " (does not exist yet)"));
        lines.add("Model: " + result.entities() + " entities, " + result.tables() + " tables");
        lines.add("Changesets: " + result.appliedCount() + " applied, " + result.pending().size() + " pending");
        addPending(lines, result.pending());
        if (!result.pending().isEmpty() && result.databaseExists()) {
            // two questions, each answered on its own: the database now, and after the pending changesets
            if (result.drift().isEmpty()) {
                lines.add("The database as it is now matches the model.");
            } else {
                lines.add("The database as it is now differs from the model ("
                        + count(result.drift().size(), "difference", "differences") + "; mvn migrate:verify fails):");
                result.drift().forEach(difference -> lines.add("  - " + difference));
            }
            lines.add(result.differences().isEmpty()
                    ? "After the " + count(result.pending().size(), "pending changeset", "pending changesets")
                    + ", it would match the model."
                    : "After the " + count(result.pending().size(), "pending changeset", "pending changesets")
                    + ", auto would still make " + count(result.differences().size(), "change", "changes") + " ("
                    + destructiveCount(result.differences()) + " destructive):");
            result.differences().forEach(change -> lines.add(changeLine(change)));
        } else if (result.differences().isEmpty()) {
            lines.add("The database matches the model.");
        } else {
            lines.add(count(result.differences().size(), "difference", "differences") + " ("
                    + destructiveCount(result.differences())
                    + " destructive):");
            result.differences().forEach(change -> lines.add(changeLine(change)));
        }
        lines.add("Last backup: " + (result.lastBackup() == null ? "none" : result.lastBackup().toString()));
        lines.add("Last run: " + (result.lastRun() == null ? "none" : runLine(result.lastRun())));
        lines.add(result.upToDate()
                ? "Up to date."
                : "Not up to date: run mvn migrate:auto (or migrate:preview to see the SQL).");
        return lines;
    }

    /** The recorded runs, newest first, with their model files, backup and error; a blank line between runs. */
    public static List<String> history(HistoryResult result) {
        List<String> lines = new ArrayList<>();
        if (result.entries().isEmpty()) {
            lines.add("No runs recorded yet in " + result.database());
            return lines;
        }
        lines.add("Migration history of " + result.database() + " (" + count(result.entries().size(), "run", "runs")
                + ", newest first)");
        boolean first = true;
        for (HistoryEntry entry : result.entries()) {
            if (!first) {
                lines.add("");
            }
            first = false;
            lines.add(runLine(entry));
            for (String modelFile : entry.modelFiles()) {
                int hashStart = modelFile.indexOf('=');
                lines.add("    File: " + (hashStart < 0 ? modelFile : modelFile.substring(0, hashStart)));
            }
            if (entry.backupFile() != null) {
                lines.add("    Backup: " + entry.backupFile());
            }
            if (!entry.succeeded() && entry.error() != null) {
                addIndented(lines, "    Error: ", entry.error());
            }
        }
        return lines;
    }

    /** Every change {@code auto} would make with its SQL, the pending changesets and any blockers. */
    public static List<String> preview(PreviewResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("Preview of " + result.database() + " (dry run: nothing is written)");
        if (!result.pending().isEmpty()) {
            lines.add(count(result.pending().size(), "pending changeset", "pending changesets")
                    + " would be applied first:");
            addPending(lines, result.pending());
        }
        if (!result.changes().isEmpty()) {
            lines.add(count(result.changes().size(), "change", "changes") + " (" + destructiveCount(result.changes())
                    + " destructive):");
            for (PlannedChange change : result.changes()) {
                lines.add(changeLine(change));
                change.sql().forEach(statement -> addIndented(lines, SQL_INDENT, statement));
            }
        } else if (result.pending().isEmpty()) {
            lines.add("No changes: the database is up to date with the model.");
        } else {
            lines.add("No changes beyond the pending changesets: after them the database matches the model.");
        }
        result.blockers().forEach(blocker -> lines.add("  BLOCKED: " + blocker));
        result.hints().stream().filter(hint -> result.blockers().stream().noneMatch(b -> b.contains(hint)))
                .forEach(hint -> lines.add("  HINT: " + hint));
        lines.add("Nothing was changed.");
        return lines;
    }

    /** The closing summary of {@code auto}; the engine reports each step while it runs. */
    public static List<String> auto(AutoResult result) {
        List<String> lines = new ArrayList<>();
        if (result.status() == RunStatus.NO_CHANGES) {
            lines.add("Database is up to date with the model: nothing to do (" + seconds(result.elapsed()) + " s)");
            return lines;
        }
        if (result.status() != RunStatus.APPLIED) {
            lines.add("Auto ended with status " + result.status() + " on " + result.database()
                    + " (" + seconds(result.elapsed()) + " s)");
            return lines;
        }
        lines.add("Migrated " + result.database() + ": " + count(result.applied().size(), "changeset", "changesets")
                + " applied in " + seconds(result.elapsed()) + " s");
        return lines;
    }

    /** The summary of {@code diff}. */
    public static List<String> diff(DiffResult result) {
        if (result.changelogFile() == null) {
            return List.of("The changelog covers the model: nothing to write (" + seconds(result.elapsed()) + " s)");
        }
        return List.of("Wrote " + result.changelogFile() + ": " + count(result.changes().size(), "change", "changes")
                + "; nothing was applied. Review it, commit it, and apply it with mvn migrate:apply.");
    }

    /** The summary of {@code new}. */
    public static List<String> newChangeset(NewResult result) {
        return List.of("Wrote " + result.changelogFile() + ": write the migration in it, give it a rollback, and "
                + "delete its preConditions block (until then it stops every run that would apply it).");
    }

    /** The summary of {@code apply}. */
    public static List<String> apply(ApplyResult result) {
        if (result.status() == RunStatus.NO_CHANGES) {
            return List.of("No pending changesets: " + result.database() + " is up to date with the changelog ("
                    + seconds(result.elapsed()) + " s)");
        }
        return List.of("Applied " + count(result.applied().size(), "changeset", "changesets") + " to "
                + result.database() + " in " + seconds(result.elapsed()) + " s"
                + (result.verified() ? "; it matches the model" : ""));
    }

    /** The summary of a passed {@code check}. */
    public static List<String> check(CheckResult result) {
        return List.of("Check passed (" + seconds(result.elapsed()) + " s)");
    }

    /** The summary of a passed {@code verify}. */
    public static List<String> verify(VerifyResult result) {
        return List.of("Verify passed (" + seconds(result.elapsed()) + " s)");
    }

    /** The summary of {@code rollback}. */
    public static List<String> rollback(RollbackResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("Rolled back " + count(result.rolledBack().size(), "changeset", "changesets") + " of "
                + result.database() + " in " + seconds(result.elapsed()) + " s, newest first:");
        result.rolledBack().forEach(key -> lines.add("  - " + key));
        if (result.backupFile() != null) {
            lines.add("The state before is in " + result.backupFile());
        }
        return lines;
    }

    /** The summary of {@code baseline}. */
    public static List<String> baseline(BaselineResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("Baselined " + result.database() + ": " + count(result.marked().size(), "changeset", "changesets")
                + " marked as applied without running " + (result.marked().size() == 1 ? "it" : "them"));
        if (result.changelogFile() != null) {
            lines.add("Wrote " + result.changelogFile() + " for the part of the model the changelog did not cover");
        }
        if (!result.remaining().isEmpty()) {
            lines.add("The database still lacks " + count(result.remaining().size(), "part", "parts") + " of the model; "
                    + "the next mvn migrate:auto makes " + (result.remaining().size() == 1 ? "it" : "them")
                    + ", keeping every row (mvn migrate:preview shows how):");
            result.remaining().forEach(item -> lines.add("  - " + item));
        }
        return lines;
    }

    /** The summary of {@code backup}: the list of backups. */
    public static List<String> backup(BackupResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("Backups of " + result.database() + " (" + result.backups().size() + ", newest first):");
        result.backups().forEach(file -> lines.add("  " + file.getFileName()));
        return lines;
    }

    /** The line saying where {@code report} (or {@code preview} with {@code report}) wrote the Markdown report. */
    public static String report(ReportResult result, Path file) {
        return "Report: " + file + " (" + count(result.model().size(), "table", "tables") + ", "
                + count(result.preview().changes().size(), "difference", "differences") + ", "
                + count(result.preview().pending().size(), "pending changeset", "pending changesets") + ", "
                + count(result.history().size(), "recent run", "recent runs") + ")";
    }

    /** The summary of {@code restore}. */
    public static List<String> restore(RestoreResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("Restored " + result.database() + " from " + result.restoredFrom()
                + (result.safetyBackup() == null ? "" : "; the state before is in " + result.safetyBackup())
                + (result.pendingAgain().isEmpty() ? "" : "; " + count(result.pendingAgain().size(),
                "changeset is", "changesets are") + " pending again:"));
        addPending(lines, result.pendingAgain());
        if (!result.pendingAgain().isEmpty()) {
            boolean one = result.pendingAgain().size() == 1;
            List<String> drops = result.pendingAgain().stream().flatMap(p -> p.drops().stream()).toList();
            lines.add("mvn migrate:apply (or migrate:auto) applies " + (one ? "it" : "them") + " again"
                    + (drops.isEmpty() ? "." : "; what drops data (" + String.join(", ", drops) + ") only with "
                    + "allowDestructive, so take it out of the changelog if the restored data should stay."));
        }
        return lines;
    }

    private static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    private static String kindName(DiscoveredModel.Kind kind) {
        return switch (kind) {
            case ENTITY -> "Entity";
            case EMBEDDABLE -> "Embeddable";
            case MAPPED_SUPERCLASS -> "MappedSuperclass";
            case CONVERTER -> "Converter";
        };
    }

    private static void addPending(List<String> lines, List<PendingChangeset> pending) {
        pending.forEach(changeset -> lines.add("  - " + changeset.file() + "::" + changeset.id()
                + (changeset.destructive() ? " [DESTRUCTIVE] " + String.join(", ", changeset.drops()) : "")));
    }

    private static long destructiveCount(List<PlannedChange> changes) {
        return changes.stream().filter(c -> c.safety() == Safety.DESTRUCTIVE).count();
    }

    private static String changeLine(PlannedChange change) {
        return "  [" + change.safety() + "] " + change.description();
    }

    private static String runLine(HistoryEntry entry) {
        return (entry.succeeded() ? "[OK] " : "[FAILED] ") + time(entry.started()) + " - " + entry.description();
    }

    /** Adds {@code text} with {@code prefix} before its first line and every further line aligned under it. */
    private static void addIndented(List<String> lines, String prefix, String text) {
        String continuation = " ".repeat(prefix.length());
        String[] parts = text.split("\\R", -1);
        for (int i = 0; i < parts.length; i++) {
            lines.add((i == 0 ? prefix : continuation) + parts[i]);
        }
    }

    private static String time(Instant instant) {
        return TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0);
    }
}
