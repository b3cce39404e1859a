package org.automigrate.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.automigrate.engine.apply.AppliedChangesets;
import org.automigrate.engine.apply.Migrations;
import org.automigrate.engine.apply.ChangelogApplier.Command;
import org.automigrate.engine.backup.Backups;
import org.automigrate.engine.changelog.ChangelogReader;
import org.automigrate.engine.changelog.ChangelogWriter;
import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.SqliteDatabase;
import org.automigrate.engine.diff.Adoption;
import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.diff.SchemaDiff;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.history.HistoryStore;

/**
 * The plain-Java entry point: one method per goal, each returning a result object.
 * The engine reports progress to its {@link EngineListener} and never logs on its own.
 * Failures are {@link MigrateException}s whose message says what, where and how to fix it.
 * Goals that only read never take a backup or the migration lock; goals that change the database
 * hold the lock, back up first, and leave the database as it was when they fail.
 */
public final class Engine {
    /** How long a run waits for another run on the same database to finish. */
    static final Duration LOCK_WAIT = Duration.ofMinutes(2);
    /** How many recent runs {@link #report()} lists. */
    public static final int REPORT_HISTORY = 10;

    private final EngineConfig config;
    private final EngineListener listener;
    private final DatabaseTarget target;
    private final Planning planning;

    public Engine(EngineConfig config, EngineListener listener) {
        this(config, listener, null);
    }

    /**
     * An engine whose goals use {@code model} instead of loading the model themselves, and leave it open: a run
     * over many databases of one kind loads it once ({@link #loadSharedModel()}) and closes it at the end.
     * {@code null} is the ordinary engine.
     */
    public Engine(EngineConfig config, EngineListener listener, SharedModel model) {
        if (model != null && model.kind() != config.database().kind()) {
            throw new IllegalArgumentException("a " + model.kind() + " model for a " + config.database().kind()
                    + " database");
        }
        this.config = config;
        this.listener = listener;
        this.target = config.database();
        this.planning = new Planning(config, listener, model == null ? null : model.model());
    }

    /**
     * Loads the model (discovery, Hibernate, the desired schema read from a shadow on this engine's server) to
     * be shared by the engines of many databases of this kind; the caller closes it, which drops the shadow.
     */
    public SharedModel loadSharedModel() {
        try (LibraryLogs logs = LibraryLogs.route(listener)) {
            return new SharedModel(planning.loadModel(), target.kind());
        }
    }

    public EngineConfig config() {
        return config;
    }

    /** Lists the model classes and validates the model. Never touches the database. */
    public DiscoverResult discover() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Planning.Model model = planning.loadModel(false)) {
            List<String> tables = model.tables();
            return new DiscoverResult(RunStatus.REPORTED, model.set().models(), tables, model.set().naming(),
                    Planning.since(start));
        }
    }

    /** Reports connection, models, pending changesets, differences, last backup and last run. Read-only. */
    public StatusResult status() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Planning.Model model = planning.loadModel()) {
            Planning.Plan plan = planning.plan(model);
            // with changesets pending, the plan compares the model with the database as they will leave it;
            // status also says how the database differs now, which is what verify checks
            List<String> drift = plan.pending().isEmpty() || !plan.exists()
                    ? plan.planned().stream().map(PlannedChange::description).toList()
                    : planning.drift(model).changes().stream().map(SchemaChange::description).toList();
            List<Path> list = planning.connections().backups(listener).list();
            List<HistoryEntry> last = readHistory(1);
            return new StatusResult(target.maskedUrl(), plan.exists(), model.set().entityCount(),
                    model.tableCount(), plan.appliedCount(), plan.pending(), drift, plan.planned(),
                    list.isEmpty() ? null : list.get(0), last.isEmpty() ? null : last.get(0), Planning.since(start));
        }
    }

    /** The recorded runs, newest first; {@code limit} 0 for all. Read-only. */
    public HistoryResult history(int limit) {
        try (LibraryLogs logs = LibraryLogs.route(listener)) {
            planning.requireUsable();
            return new HistoryResult(target.maskedUrl(), readHistory(limit));
        }
    }

    /** What {@code auto} would do: every change and its SQL. Writes nothing, anywhere. */
    public PreviewResult preview() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Planning.Model model = planning.loadModel()) {
            return preview(planning.plan(model), start);
        }
    }

    /**
     * The model's tables, what {@code auto} would do (as {@link #preview()}) and the last
     * {@value #REPORT_HISTORY} runs, for the Markdown report. Read-only: writes nothing, anywhere.
     */
    public ReportResult report() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Planning.Model model = planning.loadModel()) {
            PreviewResult preview = preview(planning.plan(model), start);
            return new ReportResult(RunStatus.REPORTED, List.copyOf(model.desired().tables()), preview,
                    readHistory(REPORT_HISTORY), Planning.since(start));
        }
    }

    private PreviewResult preview(Planning.Plan plan, long start) {
        return new PreviewResult(plan.nothingToDo() ? RunStatus.NO_CHANGES : RunStatus.DRY_RUN,
                target.maskedUrl(), plan.exists(), plan.pending(), plan.planned(),
                plan.diff().blockers().stream().map(SchemaDiff.Blocker::message).toList(), plan.diff().hints(),
                Planning.since(start));
    }

    /** Discover, back up, apply pending changesets, diff, write a changeset, apply, verify, record. */
    public AutoResult auto() {
        long start = System.nanoTime();
        planning.requireUsable();
        Optional<String> fingerprint = Fingerprint.compute(config);
        if (fingerprint.isPresent() && fingerprint.equals(Fingerprint.stored(config))) {
            listener.step("Model classes, changelog and database schema unchanged since the last verified run ("
                    + Planning.since(start).toMillis() + " ms)");
            return new AutoResult(RunStatus.NO_CHANGES, target.maskedUrl(), false, List.of(), List.of(), null,
                    List.of(), null, false, 0, Planning.since(start));
        }
        try (LibraryLogs logs = LibraryLogs.route(listener); Planning.Model model = planning.loadModel();
             ChangeRun run = new ChangeRun("auto", config, listener)) {
            Planning.Plan plan = planning.plan(model);
            Planning.failOnBlockers(plan.diff());
            if (plan.nothingToDo()) {
                run.nothingToDo();
                Fingerprint.store(config);
                return new AutoResult(RunStatus.NO_CHANGES, target.maskedUrl(), false, List.of(), List.of(), null,
                        List.of(), null, false, 0, Planning.since(start));
            }
            String description = planning.description(plan);
            List<String> modelFiles = modelFiles(model, plan.diff());
            run.checkBackupPossible();
            return run.guarded(description, modelFiles, () -> {
                Path written = plan.diff().isEmpty() ? null : write(run, description, plan);
                boolean verified = config.verify();
                long id = run.apply(Command.UPDATE, null, description, modelFiles,
                        verified ? connection -> planning.drift(model, connection) : null);
                if (verified) {
                    Fingerprint.store(config);
                }
                return new AutoResult(RunStatus.APPLIED, target.maskedUrl(), !run.existed(), plan.pending(),
                        plan.planned(), written, run.applied(), run.backupFile(), verified, id, Planning.since(start));
            });
        }
    }

    /** Writes the changeset for the model-vs-database difference; applies nothing. */
    public DiffResult diff() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Planning.Model model = planning.loadModel()) {
            Planning.Plan plan = planning.plan(model);
            Planning.failOnBlockers(plan.diff());
            if (plan.diff().isEmpty()) {
                return new DiffResult(RunStatus.NO_CHANGES, target.maskedUrl(), List.of(), null, Planning.since(start));
            }
            Path file = write(null, planning.description(plan), plan);
            return new DiffResult(RunStatus.APPLIED, target.maskedUrl(), plan.planned(), file, Planning.since(start));
        }
    }

    /** Writes an empty changeset for a hand-written (data) migration, included from the master changelog. */
    public NewResult newChangeset() {
        try (LibraryLogs logs = LibraryLogs.route(listener)) {
            String description = config.message() == null || config.message().isBlank() ? "Data migration"
                    : config.message().strip();
            ChangelogWriter writer = new ChangelogWriter(config.changelog(), target.kind());
            String id = writer.nextId(description);
            ChangelogWriter.Written written = writer.writeTemplate(id, description);
            listener.step("Changelog: " + planning.relative(written.file()) + " (empty changeset " + id
                    + ", included from " + planning.relative(written.master()) + ")");
            return new NewResult(written.file(), id);
        }
    }

    /**
     * Applies the pending changesets of the changelog (all, or those of the next {@code count} migrations, a
     * migration being one changelog file); never generates. For release jobs. Verifies the database against the
     * model when all were applied.
     */
    public ApplyResult apply(Integer count) {
        return apply(count, null);
    }

    /**
     * Applies the pending changesets of the changelog: all; those of the next {@code migrations} changelog files;
     * or the next {@code changesets} (Liquibase's finer unit). At most one of the two is given.
     */
    public ApplyResult apply(Integer migrations, Integer changesets) {
        long start = System.nanoTime();
        requireOneCount(migrations, changesets);
        try (LibraryLogs logs = LibraryLogs.route(listener); Planning.Model model = planning.loadModel();
             ChangeRun run = new ChangeRun("apply", config, listener)) {
            List<AppliedChangesets.Row> applied = planning.applied();
            List<PendingChangeset> pending = AppliedChangesets.pending(planning.changelog(applied), applied);
            listener.step("Database " + target.maskedUrl() + (run.existed() ? "" : " (new file)") + ": "
                    + plural(applied.size(), "changeset") + " applied, " + pending.size() + " pending");
            if (pending.isEmpty()) {
                run.nothingToDo();
                return new ApplyResult(RunStatus.NO_CHANGES, target.maskedUrl(), List.of(), null, false, 0,
                        Planning.since(start));
            }
            int n = changesets != null ? Math.min(changesets, pending.size())
                    : migrations != null ? Migrations.pendingChangesets(pending, migrations) : pending.size();
            String blocked = planning.pendingBlocker(planning.classify(pending.subList(0, n)));
            if (blocked != null) {
                throw new MigrateException(ErrorCode.DESTRUCTIVE_BLOCKED, blocked + " Nothing was changed.");
            }
            String description = "Apply " + plural(n, "changeset") + " of the changelog";
            run.checkBackupPossible();
            boolean verified = config.verify() && n == pending.size();
            return run.guarded(description, List.of(), () -> {
                long id = run.apply(Command.UPDATE, n == pending.size() ? null : n, description, List.of(),
                        verified ? connection -> planning.drift(model, connection) : null);
                return new ApplyResult(RunStatus.APPLIED, target.maskedUrl(), run.applied(), run.backupFile(),
                        verified, id, Planning.since(start));
            });
        }
    }

    private static void requireOneCount(Integer migrations, Integer changesets) {
        if (migrations != null && changesets != null) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "count (migrations) and changesets cannot both be "
                    + "set: use -Dmigrate.count=N to count changelog files, or -Dmigrate.changesets=N to count "
                    + "Liquibase changesets.");
        }
        for (Integer n : java.util.Arrays.asList(migrations, changesets)) {
            if (n != null && n < 1) {
                throw new MigrateException(ErrorCode.CONFIGURATION, (n == migrations ? "count" : "changesets")
                        + " must be 1 or more, not " + n + ". Fix -Dmigrate." + (n == migrations ? "count" : "changesets")
                        + ".");
            }
        }
    }

    /**
     * The CI gate: replays the whole changelog into a fresh scratch database and fails when the model has
     * changes no changeset covers, when a generated changeset was edited, or when the changelog does not
     * parse or replay. Needs no database of the user's.
     */
    public CheckResult check() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Planning.Model model = planning.loadModel()) {
            List<PendingChangeset> changesets = planning.changelog(List.of());
            List<String> edited = ChangelogReader.brokenSeals(config.changelog(), listener);
            if (!edited.isEmpty()) {
                throw new MigrateException(ErrorCode.CHANGELOG, "Generated changesets were edited after they were "
                        + "written: " + String.join(", ", edited) + ". Restore them from version control and put "
                        + "the new change in a new changeset (mvn migrate:diff or migrate:new); if the edit is "
                        + "intended, delete the file's 'automigrate-checksum' comment lines.");
            }
            SchemaDiff uncovered = planning.uncovered(model);
            if (!uncovered.isEmpty()) {
                throw new MigrateException(ErrorCode.DRIFT, "The model has changes that no changeset covers ("
                        + plural(changesets.size(), "changeset") + " replayed on an empty database):\n  - "
                        + uncovered.changes().stream().map(SchemaChange::description).collect(Collectors.joining("\n  - "))
                        + "\nRun mvn migrate:diff to write them into a new changeset, review it and commit it.");
            }
            listener.step("Checked: the changelog's " + plural(changesets.size(), "changeset") + " replay on an empty "
                    + "database and cover the model's " + plural(model.tableCount(), "table"));
            return new CheckResult(changesets.size(), model.tableCount(), Planning.since(start));
        }
    }

    /** Fails when the configured database differs from the model (drift), listing each difference. Read-only. */
    public VerifyResult verify() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Planning.Model model = planning.loadModel()) {
            SchemaDiff drift = planning.drift(model);
            if (!drift.isEmpty()) {
                throw new MigrateException(ErrorCode.DRIFT, "The database " + target.maskedUrl()
                        + " differs from the model:\n  - " + drift.changes().stream().map(SchemaChange::description)
                        .collect(Collectors.joining("\n  - ")) + "\nRun mvn migrate:preview to see the SQL that "
                        + "would fix it, or mvn migrate:auto / migrate:apply to apply it.");
            }
            if (target.kind() == DatabaseKind.SQLITE) {
                List<String> problems = SqliteDatabase.integrityProblems(target);
                if (!problems.isEmpty()) {
                    throw new MigrateException(ErrorCode.CORRUPT, "The database file " + target.sqliteFile()
                            + " is damaged: SQLite's integrity_check finds " + String.join("; ", problems)
                            + ". Restore a backup (mvn migrate:restore) or repair it with the sqlite3 tool's .recover.");
                }
            }
            listener.step("Verified: the database matches the model (" + plural(model.tableCount(), "table") + ")");
            return new VerifyResult(target.maskedUrl(), model.tableCount(), Planning.since(start));
        }
    }

    /**
     * Undoes the last {@code count} migrations (changelog files: a generated file holds one run's changesets) with
     * their changesets' rollbacks, after a backup.
     */
    public RollbackResult rollback(int count) {
        return rollback(count, null);
    }

    /**
     * Undoes the changesets of the last {@code migrations} changelog files, or the last {@code changesets} applied
     * changesets (Liquibase's finer unit), newest first. Refuses, changing nothing, when one of them cannot be
     * undone, naming its statements.
     */
    public RollbackResult rollback(Integer migrations, Integer changesets) {
        long start = System.nanoTime();
        requireOneCount(migrations, changesets);
        planning.requireUsable();
        try (LibraryLogs logs = LibraryLogs.route(listener); ChangeRun run = new ChangeRun("rollback", config, listener)) {
            List<AppliedChangesets.Row> applied = planning.applied();
            planning.changelog(applied);
            List<AppliedChangesets.Row> last;
            if (changesets != null) {
                if (applied.size() < changesets) {
                    throw new MigrateException(ErrorCode.CONFIGURATION, "Cannot roll back " + plural(changesets,
                            "changeset") + ": the database has run " + applied.size() + ". Nothing was changed.");
                }
                last = new java.util.ArrayList<>(applied.subList(applied.size() - changesets, applied.size()));
                java.util.Collections.reverse(last);
            } else {
                int count = migrations == null ? 1 : migrations;
                last = Migrations.lastApplied(applied, count);
                int files = Migrations.files(last.stream().map(AppliedChangesets.Row::key).toList()).size();
                if (files < count) {
                    throw new MigrateException(ErrorCode.CONFIGURATION, "Cannot roll back " + plural(count, "migration")
                            + ": the database has run the changesets of " + plural(files, "changelog file")
                            + ". Nothing was changed.");
                }
            }
            List<String> irreversible = ChangelogReader.withoutRollback(config.changelog(), listener,
                    new HashSet<>(last.stream().map(AppliedChangesets.Row::key).toList()));
            if (!irreversible.isEmpty()) {
                throw new MigrateException(ErrorCode.CHANGELOG, "Cannot roll back: " + String.join("; ", irreversible)
                        + ". Restore a backup instead (mvn migrate:restore), or add a rollback block to the changeset. "
                        + "Nothing was changed.");
            }
            List<String> files = Migrations.files(last.stream().map(AppliedChangesets.Row::key).toList());
            String description = "Roll back " + plural(last.size(), "changeset") + " ("
                    + plural(files.size(), "migration") + ": " + String.join(", ", files.stream()
                    .map(f -> f.substring(f.lastIndexOf('/') + 1)).toList()) + ")";
            run.checkBackupPossible();
            return run.guarded(description, List.of(), () -> {
                long id = run.apply(Command.ROLLBACK, last.size(), description, List.of(), null);
                return new RollbackResult(target.maskedUrl(), run.applied(), run.backupFile(), id,
                        Planning.since(start));
            });
        }
    }

    /**
     * Marks an existing database that matches the model as up to date with the changelog, without running
     * it. When the changelog does not yet build the whole model (a project adopting migrations), the
     * changeset for the rest is written first. Refuses when the database does not match the model.
     */
    public BaselineResult baseline() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Planning.Model model = planning.loadModel();
             ChangeRun run = new ChangeRun("baseline", config, listener)) {
            if (!run.existed()) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "There is no database at " + target.maskedUrl()
                        + " to baseline. baseline marks an existing database as up to date; for a new one, run "
                        + "mvn migrate:apply or migrate:auto.");
            }
            SchemaDiff drift = planning.drift(model);
            List<String> missing = drift.changes().stream().filter(Adoption::blocks).map(SchemaChange::description)
                    .toList();
            if (!missing.isEmpty()) {
                throw new MigrateException(ErrorCode.DRIFT, "The database does not match the model, so it cannot be "
                        + "marked as up to date: it lacks tables or columns of the model, or holds values in types the "
                        + "model narrows:\n  - " + String.join("\n  - ", missing) + "\nMake the model match the "
                        + "database (or migrate it with mvn migrate:auto) and run baseline again. Nothing was changed.");
            }
            // keys, uniques, indexes, checks the database lacks (Hibernate's ddl-auto=update on SQLite writes none):
            // the next auto adds them, keeping every row
            List<String> remaining = drift.changes().stream().map(SchemaChange::description).toList();
            planning.changelog(planning.applied());
            SchemaDiff gap = planning.baselineGap(model);
            Planning.failOnBlockers(gap);
            String description = "Baseline: mark the changelog as applied";
            return run.guarded(description, List.of(), () -> {
                Path written = null;
                if (!gap.isEmpty()) {
                    Planning.Plan plan = new Planning.Plan(false, 0, List.of(), gap,
                            planning.render(gap), List.of());
                    written = write(run, "Baseline schema", plan);
                }
                long id = run.apply(Command.SYNC, null, description, List.of(), null);
                return new BaselineResult(target.maskedUrl(), run.applied(), written, remaining, id,
                        Planning.since(start));
            });
        }
    }

    /** Takes a backup now (whatever the {@code backup} setting) and lists this database's backups. */
    public BackupResult backup() {
        try (LibraryLogs logs = LibraryLogs.route(listener)) {
            planning.requireUsable();
            if (!planning.connections().exists() && target.kind() == DatabaseKind.SQLITE) {
                throw new MigrateException(ErrorCode.UNREACHABLE, "There is no database at " + target.sqliteFile()
                        + " to back up. Check <url> / -Dmigrate.url.");
            }
            Backups backups = planning.connections().backups(listener);
            Path file = backups.take();
            return new BackupResult(target.maskedUrl(), file, backups.list());
        }
    }

    /**
     * Replaces the database with a backup: the named one ({@code name}: a file name in the backup directory
     * or a path), or the newest. The current state is backed up first.
     */
    public RestoreResult restore(String name) {
        planning.requireUsable();
        try (LibraryLogs logs = LibraryLogs.route(listener); ChangeRun run = new ChangeRun("restore", config, listener)) {
            Backups backups = planning.connections().backups(listener);
            Path source = chooseBackup(backups, name);
            backups.check(source);
            run.checkBackupPossible();
            return run.guarded("Restore " + source, List.of(), () -> {
                long id = run.restore(source);
                // listed once, in the summary (TextReport.restore), with what to do about them
                List<PendingChangeset> again = pendingAgain();
                return new RestoreResult(target.maskedUrl(), source, run.backupFile(), again, id);
            });
        }
    }

    /** The changesets of the changelog the database (just restored) has not run. */
    private List<PendingChangeset> pendingAgain() {
        try {
            List<AppliedChangesets.Row> applied = planning.applied();
            return planning.classify(AppliedChangesets.pending(ChangelogReader.changesets(config.changelog(),
                    EngineListener.SILENT), applied));
        } catch (MigrateException unreadable) {
            return List.of(); // the changelog is the next run's business
        }
    }

    private Path chooseBackup(Backups backups, String name) {
        List<Path> all = backups.list();
        if (name == null || name.isBlank()) {
            if (all.isEmpty()) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "There is no backup of " + target.maskedUrl()
                        + " in " + backups.directory() + " to restore. Nothing was changed.");
            }
            return all.get(0);
        }
        Path named = Path.of(name.strip());
        Path candidate = named.isAbsolute() ? named : backups.directory().resolve(named);
        if (!Files.isRegularFile(candidate)) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The backup " + candidate + " does not exist. "
                    + "Backups of this database: " + (all.isEmpty() ? "none" : all.stream().map(p -> p.getFileName()
                    .toString()).collect(Collectors.joining(", "))) + ". Nothing was changed.");
        }
        return candidate;
    }

    /** Writes, seals and (for a changing run) registers the changeset of a plan; returns the file. */
    private Path write(ChangeRun run, String description, Planning.Plan plan) {
        ChangelogWriter writer = new ChangelogWriter(config.changelog(), target.kind());
        ChangelogWriter.Written written = writer.write(writer.nextId(description), description, plan.rendered());
        if (run != null) {
            run.wrote(writer, written);
        }
        writer.seal(written, ChangelogReader.checksums(config.changelog(), written.file(), listener));
        listener.step("Changelog: " + planning.relative(written.file()) + " (" + plan.rendered().size() + " change"
                + (plan.rendered().size() == 1 ? "" : "s") + ", included from " + planning.relative(written.master())
                + ")");
        return written.file();
    }

    /** The model's source files (with hashes) behind the tables a diff touches. */
    private static List<String> modelFiles(Planning.Model model, SchemaDiff diff) {
        TreeSet<String> files = new TreeSet<>();
        for (String table : diff.touchedTables()) {
            String source = model.set().sourceOfTable(table);
            if (source != null) {
                files.add(source + "=" + model.set().hashOfSource(source));
            }
        }
        return List.copyOf(files);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private List<HistoryEntry> readHistory(int limit) {
        if (!planning.connections().exists()) {
            return List.of();
        }
        Connection connection = planning.connections().open(true);
        try {
            return HistoryStore.read(connection, limit);
        } catch (SQLException e) {
            throw planning.connections().translate(e, "read the history of");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }
}
