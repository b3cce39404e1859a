package org.automigrate.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.automigrate.engine.apply.AppliedChangesets;
import org.automigrate.engine.apply.ChangelogApplier;
import org.automigrate.engine.backup.SqliteBackup;
import org.automigrate.engine.changelog.ChangelogReader;
import org.automigrate.engine.changelog.ChangelogWriter;
import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.changelog.RenderedChange;
import org.automigrate.engine.changelog.SqliteChangeRenderer;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.MigrationLock;
import org.automigrate.engine.db.SqliteDatabase;
import org.automigrate.engine.db.SqliteFkDialect;
import org.automigrate.engine.diff.ChangeOrdering;
import org.automigrate.engine.diff.DiffProcessor;
import org.automigrate.engine.diff.Guards;
import org.automigrate.engine.diff.IgnoredTables;
import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.diff.SchemaComparer;
import org.automigrate.engine.diff.SchemaDiff;
import org.automigrate.engine.diff.Renames;
import org.automigrate.engine.diff.SqlitePlanner;
import org.automigrate.engine.discovery.EntityScanner;
import org.automigrate.engine.discovery.ModelSet;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.history.HistoryStore;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.DesiredSchema;
import org.automigrate.engine.schema.SqliteSchemaReader;

/**
 * The plain-Java entry point: one method per goal, each returning a result object.
 * The engine reports progress to its {@link EngineListener} and never logs on its own.
 * Failures are {@link MigrateException}s whose message says what, where and how to fix it.
 */
public final class Engine {
    /** How long a run waits for another run on the same database to finish. */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(2);

    private final EngineConfig config;
    private final EngineListener listener;
    private final DatabaseTarget target;
    private final IgnoredTables ignored;

    public Engine(EngineConfig config, EngineListener listener) {
        this.config = config;
        this.listener = listener;
        this.target = config.database();
        this.ignored = new IgnoredTables(config.ignoreTables());
    }

    /** Lists the model classes and validates the model. Never touches the database. */
    public DiscoverResult discover() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Model model = loadModel()) {
            List<String> tables = model.desired().tables().stream().map(t -> t.name()).sorted().toList();
            return new DiscoverResult(RunStatus.REPORTED, model.set().models(), tables, config.namingStrategy(),
                    since(start));
        }
    }

    /** Reports connection, models, pending changesets, differences, last backup and last run. Read-only. */
    public StatusResult status() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Model model = loadModel()) {
            Plan plan = plan(model);
            SqliteBackup backups = new SqliteBackup(config.backup(), target, listener);
            List<Path> list = backups.list();
            List<HistoryEntry> last = readHistory(1);
            return new StatusResult(target.maskedUrl(), plan.exists(), model.set().entityCount(),
                    model.desired().size(), plan.appliedCount(), plan.pending(), plan.planned(),
                    list.isEmpty() ? null : list.get(0), last.isEmpty() ? null : last.get(0), since(start));
        }
    }

    /** The recorded runs, newest first; {@code limit} 0 for all. Read-only. */
    public HistoryResult history(int limit) {
        try (LibraryLogs logs = LibraryLogs.route(listener)) {
            requireSqlite();
            return new HistoryResult(target.maskedUrl(), readHistory(limit));
        }
    }

    /** What {@code auto} would do: every change and its SQL. Writes nothing, anywhere. */
    public PreviewResult preview() {
        long start = System.nanoTime();
        try (LibraryLogs logs = LibraryLogs.route(listener); Model model = loadModel()) {
            Plan plan = plan(model);
            boolean nothing = plan.pending().isEmpty() && plan.diff().isEmpty();
            return new PreviewResult(nothing ? RunStatus.NO_CHANGES : RunStatus.DRY_RUN, target.maskedUrl(),
                    plan.exists(), plan.pending(), plan.planned(),
                    plan.diff().blockers().stream().map(SchemaDiff.Blocker::message).toList(), plan.diff().hints(),
                    since(start));
        }
    }

    /** Discover, back up, apply pending changesets, diff, write a changeset, apply, verify, record. */
    public AutoResult auto() {
        long start = System.nanoTime();
        Instant started = Instant.now();
        try (LibraryLogs logs = LibraryLogs.route(listener); Model model = loadModel();
             MigrationLock lock = MigrationLock.acquire(target.sqliteFile(), LOCK_WAIT, listener)) {
            lock.previous().ifPresent(previous -> recoverInterruptedRun(previous, model));
            Plan plan = plan(model);
            failOnBlockers(plan.diff());
            if (plan.pending().isEmpty() && plan.diff().isEmpty()) {
                lock.markDone();
                return new AutoResult(RunStatus.NO_CHANGES, target.maskedUrl(), false, List.of(), List.of(), null,
                        List.of(), null, false, 0, since(start));
            }
            return migrate(model, plan, started, start, lock);
        }
    }

    public EngineConfig config() {
        return config;
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * A run that was killed while it applied changes left the database part-way: put it back as it was
     * before that run (from that run's backup), record the interrupted run, and carry on.
     */
    private void recoverInterruptedRun(MigrationLock.Holder previous, Model model) {
        if (!MigrationLock.Holder.APPLYING.equals(previous.state()) || !previous.deadOnThisHost()) {
            return;
        }
        String what;
        Path backup = previous.backup() == null ? null : Path.of(previous.backup());
        if (backup != null && Files.exists(backup)) {
            new SqliteBackup(config.backup(), target, listener).restore(backup);
            what = "the database was restored from its backup " + backup;
        } else if (previous.newDatabase()) {
            deleteDatabaseFiles();
            what = "the database file it had created was removed";
        } else {
            releaseLiquibaseLock();
            what = "it had taken no backup (backup=false): SQLite rolled back its unfinished transaction, "
                    + "changesets it had completed stay applied";
        }
        listener.warn("The previous migration (pid " + previous.pid() + ", started " + previous.started()
                + ") was killed while applying changes: " + what + ".");
        if (Files.exists(target.sqliteFile())) {
            HistoryEntry entry = new HistoryEntry(0, previous.started(), Instant.now(), "auto", HistoryEntry.FAILED,
                    "Interrupted run (pid " + previous.pid() + ")", List.of(), List.of(),
                    backup == null ? null : backup.toString(), "killed while applying; " + what);
            recordEntry(entry);
        }
    }

    /** Clears Liquibase's lock row, which a killed run leaves set. */
    private void releaseLiquibaseLock() {
        if (!Files.exists(target.sqliteFile())) {
            return;
        }
        Connection connection = SqliteDatabase.open(target, false);
        try (java.sql.Statement st = connection.createStatement()) {
            if (AppliedChangesets.tableExists(connection, "DATABASECHANGELOGLOCK")) {
                st.executeUpdate("update DATABASECHANGELOGLOCK set LOCKED = 0, LOCKGRANTED = null, LOCKEDBY = null");
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(e, target.sqliteFile().toString(), "release the stale lock of");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    private AutoResult migrate(Model model, Plan plan, Instant started, long start, MigrationLock lock) {
        SqliteBackup backups = new SqliteBackup(config.backup(), target, listener);
        boolean takeBackup = plan.exists() && config.backup().enabled();
        if (takeBackup) {
            backups.checkWritable();
        }
        String description = description(plan);
        ChangelogWriter writer = new ChangelogWriter(config.changelog());
        ChangelogWriter.Written written = null;
        Path backupFile = null;
        List<String> applied = new ArrayList<>();
        try {
            if (!plan.diff().isEmpty()) {
                written = writer.write(writer.nextId(description), description, plan.rendered());
                listener.step("Changelog: " + relative(written.file()) + " (" + plan.rendered().size() + " change"
                        + (plan.rendered().size() == 1 ? "" : "s") + ", included from "
                        + relative(written.master()) + ")");
            }
            if (takeBackup) {
                backupFile = backups.take();
            } else if (!config.backup().enabled()) {
                listener.warn("No backup taken (backup=false): a failed change cannot be restored from a backup.");
            }
            lock.markApplying(backupFile, !plan.exists());
            long applyStart = System.nanoTime();
            applied.addAll(ChangelogApplier.update(SqliteDatabase.open(target, false), target, config.changelog(),
                    listener));
            listener.step("Applied " + applied.size() + " changeset" + (applied.size() == 1 ? "" : "s") + " in "
                    + since(applyStart).toMillis() + " ms");
            boolean verified = false;
            if (config.verify()) {
                verify(model);
                verified = true;
                listener.step("Verified: the database matches the model");
            }
            long id = record(started, HistoryEntry.SUCCESS, description, applied, model, plan, backupFile, null);
            lock.markDone();
            listener.step("Recorded run #" + id + " in the history");
            return new AutoResult(RunStatus.APPLIED, target.maskedUrl(), !plan.exists(), plan.pending(),
                    plan.planned(), written == null ? null : written.file(), applied, backupFile, verified, id,
                    since(start));
        } catch (RuntimeException e) {
            MigrateException failure = fail(e, model, plan, started, description, written, backupFile, applied, writer);
            lock.markDone();
            throw failure;
        }
    }

    /** Puts everything back, records the failed run, and returns the exception that says so. */
    private MigrateException fail(RuntimeException e, Model model, Plan plan, Instant started, String description,
                                  ChangelogWriter.Written written, Path backupFile, List<String> applied,
                                  ChangelogWriter writer) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : target.scrub(e.getMessage());
        List<String> done = new ArrayList<>();
        try {
            if (backupFile != null) {
                new SqliteBackup(config.backup(), target, listener).restore(backupFile);
                done.add("The database was restored from the backup " + backupFile + ".");
            } else if (!plan.exists()) {
                deleteDatabaseFiles();
                done.add("The new database file was removed.");
            } else {
                done.add("No backup was taken (backup=false): the failed changeset was rolled back, but changesets "
                        + "applied before it in this run stay applied.");
            }
        } catch (RuntimeException restoreFailure) {
            done.add("RESTORE FAILED: " + restoreFailure.getMessage());
        }
        if (written != null) {
            try {
                writer.revert(written);
                done.add("The generated changelog " + relative(written.file()) + " was removed.");
            } catch (MigrateException revertFailure) {
                done.add(revertFailure.getMessage());
            }
        }
        try {
            long id = record(started, HistoryEntry.FAILED, description, List.of(), model, plan, backupFile, cause);
            done.add("The failed run is recorded as #" + id + " (mvn migrate:history).");
        } catch (RuntimeException historyFailure) {
            done.add("The failed run could not be recorded: " + historyFailure.getMessage());
        }
        ErrorCode code = e instanceof MigrateException m ? m.code() : ErrorCode.INTERNAL;
        return new MigrateException(code == ErrorCode.INTERNAL ? ErrorCode.APPLY_FAILED : code,
                "Migration of " + target.maskedUrl() + " failed: " + cause + " " + String.join(" ", done), e);
    }

    private void verify(Model model) {
        Connection connection = SqliteDatabase.open(target, true);
        try {
            DbSchema live = SqliteSchemaReader.read(connection, t -> true, false);
            SchemaDiff remaining = SchemaComparer.compare(model.desired(), live, ignored);
            if (!remaining.isEmpty()) {
                throw new MigrateException(ErrorCode.DRIFT, "After applying, the database still differs from the "
                        + "model: " + remaining.changes().stream().map(SchemaChange::description)
                        .collect(Collectors.joining("; ")) + ".");
            }
        } catch (SQLException e) {
            throw SqliteDatabase.translate(e, target.sqliteFile().toString(), "verify");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    private long record(Instant started, String status, String description, List<String> applied, Model model,
                        Plan plan, Path backupFile, String error) {
        TreeSet<String> files = new TreeSet<>();
        for (String table : plan.diff().touchedTables()) {
            String source = model.set().sourceOfTable(table);
            if (source != null) {
                files.add(source + "=" + model.set().hashOfSource(source));
            }
        }
        return recordEntry(new HistoryEntry(0, started, Instant.now(), "auto", status, description, applied,
                List.copyOf(files), backupFile == null ? null : backupFile.toString(), error));
    }

    private long recordEntry(HistoryEntry entry) {
        Connection connection = SqliteDatabase.open(target, false);
        try {
            return HistoryStore.record(connection, entry);
        } catch (SQLException e) {
            throw SqliteDatabase.translate(e, target.sqliteFile().toString(), "record the run in");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    private void failOnBlockers(SchemaDiff diff) {
        if (diff.blockers().isEmpty()) {
            return;
        }
        List<SchemaDiff.Blocker> blockers = diff.blockers();
        String message = blockers.size() == 1 ? blockers.get(0).message()
                : blockers.size() + " problems stop this run before it changes anything:\n  - "
                        + blockers.stream().map(SchemaDiff.Blocker::message).collect(Collectors.joining("\n  - "));
        throw new MigrateException(blockers.get(0).code(), message);
    }

    /** The model: found by ClassGraph, built by Hibernate, made real in the shadow. */
    private Model loadModel() {
        requireSqlite();
        long start = System.nanoTime();
        EntityScanner scanner = new EntityScanner(config.projectDirectory());
        List<EntityScanner.Found> found = scanner.scan(config.scanRoots(), config.packages());
        String where = config.scanRoots().stream().map(this::relative).collect(Collectors.joining(", "))
                + (config.packages().isEmpty() ? "" : " (packages " + String.join(", ", config.packages()) + ")");
        ModelSet set = ModelSet.load(found, config.classpath(), SqliteFkDialect.class.getName(),
                config.namingStrategy(), where);
        try {
            DbSchema desired = DesiredSchema.build(set.createStatements());
            listener.step("Discovered " + set.entityCount() + " entit" + (set.entityCount() == 1 ? "y" : "ies")
                    + ", " + desired.size() + " table" + (desired.size() == 1 ? "" : "s") + " in " + where
                    + " (" + since(start).toMillis() + " ms)");
            return new Model(set, desired);
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    /** Compares the model with the database as it will be once the pending changesets have run. */
    private Plan plan(Model model) {
        long start = System.nanoTime();
        Path file = target.sqliteFile();
        boolean exists = Files.exists(file);
        Connection connection = exists ? SqliteDatabase.open(target, true) : null;
        Path scratch = null;
        try {
            List<AppliedChangesets.Row> applied = connection == null ? List.of() : AppliedChangesets.read(connection);
            java.util.Map<String, String> checksums = new java.util.HashMap<>();
            applied.forEach(row -> checksums.put(row.key(), row.checksum()));
            List<PendingChangeset> changelog = ChangelogReader.changesets(config.changelog(), listener, checksums);
            List<PendingChangeset> pending = AppliedChangesets.pending(changelog, applied);
            if (!pending.isEmpty()) {
                scratch = Files.createTempFile("automigrate-plan-", ".db");
                if (connection != null) {
                    connection.unwrap(org.sqlite.SQLiteConnection.class).getDatabase()
                            .backup("main", scratch.toString(), null);
                    connection.close();
                }
                DatabaseTarget scratchTarget = DatabaseTarget.of("jdbc:sqlite:" + scratch, null, null);
                try {
                    ChangelogApplier.update(SqliteDatabase.open(scratchTarget, false), scratchTarget,
                            config.changelog(), EngineListener.SILENT);
                } catch (MigrateException e) {
                    throw new MigrateException(ErrorCode.CHANGELOG, "A pending changeset of the changelog fails "
                            + "(tried on a scratch copy; the database was not touched): " + e.getMessage(), e);
                }
                connection = SqliteDatabase.open(scratchTarget, true);
            }
            DbSchema live = connection == null ? DbSchema.empty() : SqliteSchemaReader.read(connection, t -> true, false);
            Connection counting = connection;
            SqlitePlanner.LiveData data = new SqlitePlanner.LiveData() {
                @Override
                public long rows(String table) {
                    return counting == null ? 0 : SqliteDatabase.rowCount(counting, table);
                }

                @Override
                public long nulls(String table, String column) {
                    return counting == null ? 0 : SqliteDatabase.nullCount(counting, table, column);
                }
            };
            List<DiffProcessor> processors = List.of(
                    Guards.renameHints(),
                    new SqlitePlanner(model.desired(), data, config.defaults()),
                    new ChangeOrdering(),
                    Guards.destructive(config.allowDestructive()),
                    Guards.tableLimit(config.maxTablesPerRun()));
            Renames.Applied renamed = Renames.apply(live, model.desired(), Renames.parse(config.renames()));
            SchemaDiff compared = SchemaComparer.compare(model.desired(), renamed.live(), ignored);
            List<SchemaChange> all = new ArrayList<>(renamed.changes());
            all.addAll(compared.changes());
            SchemaDiff diff = SchemaDiff.of(all);
            for (DiffProcessor processor : processors) {
                diff = processor.process(diff);
            }
            List<RenderedChange> rendered = diff.changes().stream()
                    .filter(c -> !(c instanceof SchemaChange.AlterTable))
                    .map(SqliteChangeRenderer::render).toList();
            List<PlannedChange> planned = new ArrayList<>();
            for (SchemaChange change : diff.changes()) {
                planned.add(rendered.stream().filter(r -> r.change() == change).findFirst()
                        .map(RenderedChange::planned)
                        .orElse(new PlannedChange(change.description(), change.table(), change.safety(), List.of())));
            }
            long destructive = planned.stream().filter(p -> p.safety() == Safety.DESTRUCTIVE).count();
            String needed = planned.isEmpty() ? "matches the model"
                    : planned.size() + " change" + (planned.size() == 1 ? "" : "s") + " needed (" + destructive
                    + " destructive)";
            listener.step("Database " + target.maskedUrl() + (exists ? "" : " (new file)") + ": "
                    + (pending.isEmpty() ? "" : pending.size() + " pending changeset" + (pending.size() == 1 ? "" : "s")
                    + ", ") + needed + " (" + since(start).toMillis() + " ms)");
            return new Plan(exists, applied.size(), pending, diff, rendered, planned);
        } catch (SQLException e) {
            throw SqliteDatabase.translate(e, file.toString(), "read");
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot create a scratch copy for planning: " + e.getMessage(), e);
        } finally {
            SqliteDatabase.closeQuietly(connection);
            if (scratch != null) {
                try {
                    Files.deleteIfExists(scratch);
                } catch (IOException ignoredFailure) {
                    scratch.toFile().deleteOnExit();
                }
            }
        }
    }

    private List<HistoryEntry> readHistory(int limit) {
        if (!Files.exists(target.sqliteFile())) {
            return List.of();
        }
        Connection connection = SqliteDatabase.open(target, true);
        try {
            return HistoryStore.read(connection, limit);
        } catch (SQLException e) {
            throw SqliteDatabase.translate(e, target.sqliteFile().toString(), "read the history of");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    private void deleteDatabaseFiles() {
        Path file = target.sqliteFile();
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.IO, "Cannot remove " + file + suffix + ": " + e.getMessage(), e);
            }
        }
    }

    private void requireSqlite() {
        if (target.kind() != DatabaseKind.SQLITE) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "This version migrates SQLite databases only; "
                    + target.kind().name().toLowerCase(Locale.ROOT) + " support is coming. Use a jdbc:sqlite: URL "
                    + "in <url> or -Dmigrate.url.");
        }
    }

    private String description(Plan plan) {
        if (config.message() != null && !config.message().isBlank()) {
            return config.message().strip();
        }
        List<SchemaChange> changes = plan.diff().changes();
        if (changes.isEmpty()) {
            return "Apply " + plan.pending().size() + " pending changeset" + (plan.pending().size() == 1 ? "" : "s");
        }
        if (changes.stream().allMatch(c -> c instanceof SchemaChange.CreateTable)) {
            List<String> names = changes.stream().map(SchemaChange::table).toList();
            return "Create table" + (names.size() == 1 ? " " : "s ") + list(names);
        }
        List<String> descriptions = changes.stream().map(SchemaChange::description).toList();
        String text = list(descriptions);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String list(List<String> items) {
        if (items.size() <= 3) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, 3)) + " and " + (items.size() - 3) + " more";
    }

    private String relative(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(config.projectDirectory()) ? config.projectDirectory().relativize(abs).toString()
                : abs.toString();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The model and its desired schema, valid for one goal. */
    private record Model(ModelSet set, DbSchema desired) implements AutoCloseable {
        @Override
        public void close() {
            set.close();
        }
    }

    /** What the database needs: pending changesets, then the diff, with its SQL. */
    private record Plan(boolean exists, int appliedCount, List<PendingChangeset> pending, SchemaDiff diff,
                        List<RenderedChange> rendered, List<PlannedChange> planned) {
    }
}
