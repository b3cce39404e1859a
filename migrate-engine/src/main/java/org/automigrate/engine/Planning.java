package org.automigrate.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.automigrate.engine.apply.AppliedChangesets;
import org.automigrate.engine.apply.ChangelogApplier;
import org.automigrate.engine.changelog.ChangelogReader;
import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.changelog.RenderedChange;
import org.automigrate.engine.changelog.SqliteChangeRenderer;
import org.automigrate.engine.config.HibernateProperties;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.dialect.Dialect;
import org.automigrate.engine.db.ServerAddress;
import org.automigrate.engine.db.ServerDatabase;
import org.automigrate.engine.db.ShadowDatabase;
import org.automigrate.engine.db.SqliteDatabase;
import org.automigrate.engine.db.SqliteFkDialect;
import org.automigrate.engine.diff.ChangeOrdering;
import org.automigrate.engine.diff.DataFit;
import org.automigrate.engine.diff.DiffProcessor;
import org.automigrate.engine.diff.Guards;
import org.automigrate.engine.diff.IgnoredTables;
import org.automigrate.engine.diff.Renames;
import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.diff.SchemaComparer;
import org.automigrate.engine.diff.SchemaDiff;
import org.automigrate.engine.discovery.EntityScanner;
import org.automigrate.engine.discovery.ModelSet;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.DbTable;
import org.automigrate.engine.schema.DesiredSchema;
import org.automigrate.engine.schema.SqliteSchemaReader;

/**
 * The read-only half of every goal: the model (found, built by Hibernate, made real in a shadow), the
 * changelog's state in the database, and the plan that brings the database to the model.
 */
final class Planning {
    private final EngineConfig config;
    private final EngineListener listener;
    private final DatabaseTarget target;
    private final IgnoredTables ignored;
    private final Connections connections;
    private final Dialect dialect;

    /** A model loaded once and shared by the goals of many databases (null: each goal loads its own). */
    private final Model shared;

    Planning(EngineConfig config, EngineListener listener) {
        this(config, listener, null);
    }

    Planning(EngineConfig config, EngineListener listener, Model shared) {
        this.shared = shared;
        this.config = config;
        this.listener = listener;
        this.target = config.database();
        this.dialect = Dialect.of(target.kind());
        this.ignored = new IgnoredTables(config.ignoreTables());
        this.connections = new Connections(config);
    }

    Connections connections() {
        return connections;
    }

    IgnoredTables ignored() {
        return ignored;
    }

    /**
     * The model and its desired schema, valid for one goal: read back from where Hibernate's DDL ran (SQLite: an
     * in-memory database; PostgreSQL: the session's temporary schema; MariaDB: a shadow database, dropped at
     * once), so that every comparison after it reads only the live database. {@code desired} is null for a model
     * built without a database.
     */
    record Model(ModelSet set, DbSchema desired, List<String> tables, boolean borrowed) implements AutoCloseable {
        Model(ModelSet set, DbSchema desired, List<String> tables) {
            this(set, desired, tables, false);
        }

        int tableCount() {
            return tables.size();
        }

        /** The same model for a goal that must not close it: its owner (a run over many databases) does. */
        Model borrow() {
            return new Model(set, desired, tables, true);
        }

        @Override
        public void close() {
            if (borrowed) {
                return;
            }
            set.close();
        }
    }

    /** What the database needs: pending changesets, then the diff, with its SQL. */
    record Plan(boolean exists, int appliedCount, List<PendingChangeset> pending, SchemaDiff diff,
                List<RenderedChange> rendered, List<PlannedChange> planned) {
        boolean nothingToDo() {
            return pending.isEmpty() && diff.isEmpty();
        }
    }

    /** Fails, before anything happens, for a database this version cannot work on. */
    void requireUsable() {
        requireChangelogForThisDatabase();
        if (target.kind() != DatabaseKind.SQLITE) {
            ServerAddress.parse(target.url());
            return;
        }
        if (Files.isDirectory(target.sqliteFile())) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The SQLite URL " + target.maskedUrl() + " names the "
                    + "directory " + target.sqliteFile() + ", not a database file. Set <url> or -Dmigrate.url to "
                    + "jdbc:sqlite:path/to/file.db. Nothing was changed.");
        }
    }

    /**
     * Fails, before anything happens, when the changelog holds changesets Automigrate wrote for another kind of
     * database: Liquibase would skip them here (their {@code dbms}), and the changelog would not hold this
     * database's schema.
     */
    private void requireChangelogForThisDatabase() {
        Map<DatabaseKind, List<String>> others = ChangelogReader.writtenForOtherDatabases(config.changelog(),
                target.kind());
        if (others.isEmpty()) {
            return;
        }
        String written = others.entrySet().stream().map(e -> e.getKey().label() + " (" + String.join(", ",
                e.getValue().stream().limit(3).toList()) + (e.getValue().size() > 3 ? ", ..." : "") + ")")
                .collect(Collectors.joining(" and "));
        Path directory = config.changelog().directory();
        throw new MigrateException(ErrorCode.CONFIGURATION, "The changelog " + relative(directory)
                + " was written for " + written + ", but this database is " + target.kind().label() + " ("
                + target.maskedUrl() + "). Changesets are written for one kind of database; give each kind its own "
                + "changelog: set <changelogDirectory> or -Dmigrate.changelogDirectory for this database, e.g. "
                + relative(directory.resolveSibling(directory.getFileName() + "-" + target.kind().name()
                        .toLowerCase(java.util.Locale.ROOT))) + " (a Maven profile per database). Nothing was changed.");
    }

    /** The model: found by ClassGraph, built by Hibernate, made real in the shadow. */
    Model loadModel() {
        return loadModel(true);
    }

    /**
     * The model; {@code shadow} false builds it without a shadow (and, on a server, without connecting:
     * Hibernate then assumes the oldest server version it supports).
     */
    Model loadModel(boolean shadow) {
        requireUsable();
        if (shared != null) {
            return shared.borrow();
        }
        long start = System.nanoTime();
        EntityScanner scanner = new EntityScanner(config.projectDirectory(), listener::warn);
        EntityScanner.Scan found = scanner.scan(config.scanRoots(), config.classpath(), config.packages());
        String where = config.scanRoots().stream().map(this::relative).collect(Collectors.joining(", ")) + found.alsoFrom()
                + (config.packages().isEmpty() ? "" : " (packages " + String.join(", ", config.packages()) + ")");
        if (target.kind() != DatabaseKind.SQLITE) {
            return loadServerModel(found, where, shadow, start);
        }
        HibernateProperties hibernate = config.hibernate();
        ModelSet set = ModelSet.load(found, config.classpath(), SqliteFkDialect.class.getName(), hibernate.applied(),
                config.naming(), config.columnOrder(), where);
        try {
            DbSchema desired = DesiredSchema.build(set.createStatements());
            listener.step("Discovered " + set.entityCount() + " entit" + (set.entityCount() == 1 ? "y" : "ies")
                    + ", " + desired.size() + " table" + (desired.size() == 1 ? "" : "s") + " in " + where
                    + ", naming " + set.naming().describe() + " (" + since(start).toMillis() + " ms)");
            hibernate.describe().ifPresent(listener::step);
            return new Model(set, desired, desired.tables().stream().map(t -> t.name()).sorted().toList());
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    /** On a server: Hibernate's dialect for the server's product and version, and the DDL run in a shadow. */
    private Model loadServerModel(EntityScanner.Scan found, String where, boolean withShadow, long start) {
        String hibernateDialect = dialect.hibernateDialect();
        HibernateProperties hibernate = config.hibernate();
        Map<String, String> settings = new HashMap<>(hibernate.applied());
        String server = "";
        if (withShadow) {
            Connection live = connections.open(true);
            try {
                var meta = live.getMetaData();
                hibernateDialect = dialect.hibernateDialect(meta.getDatabaseProductName(), meta.getDatabaseProductVersion());
                settings.put("jakarta.persistence.database-product-name", meta.getDatabaseProductName());
                settings.put("jakarta.persistence.database-major-version", String.valueOf(meta.getDatabaseMajorVersion()));
                settings.put("jakarta.persistence.database-minor-version", String.valueOf(meta.getDatabaseMinorVersion()));
                server = meta.getDatabaseProductName() + " " + meta.getDatabaseMajorVersion() + "."
                        + meta.getDatabaseMinorVersion();
            } catch (SQLException e) {
                throw connections.translate(e, "read the version of");
            } finally {
                ServerDatabase.closeQuietly(live);
            }
        }
        ModelSet set = ModelSet.load(found, config.classpath(), hibernateDialect, settings, config.naming(), config.columnOrder(), where);
        if (!withShadow) {
            List<String> tables = set.tableNames();
            listener.step("Discovered " + set.entityCount() + " entit" + (set.entityCount() == 1 ? "y" : "ies")
                    + ", " + tables.size() + " table" + (tables.size() == 1 ? "" : "s") + " in " + where
                    + ", naming " + set.naming().describe() + " (" + since(start).toMillis() + " ms)");
            hibernate.describe().ifPresent(listener::step);
            return new Model(set, null, tables);
        }
        try {
            List<String> tables = set.tableNames();
            Dialect.Made made = dialect.makeModel(target, set.createStatements(), listener);
            listener.step("Discovered " + set.entityCount() + " entit" + (set.entityCount() == 1 ? "y" : "ies")
                    + ", " + tables.size() + " table" + (tables.size() == 1 ? "" : "s") + " in " + where
                    + ", naming " + set.naming().describe() + ", created in " + made.where() + " on " + server + " ("
                    + since(start).toMillis() + " ms)");
            hibernate.describe().ifPresent(listener::step);
            return new Model(set, made.schema(), tables);
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }


    /** The changesets the database has run (empty when it does not exist yet). */
    List<AppliedChangesets.Row> applied() {
        if (!connections.exists()) {
            return List.of();
        }
        Connection connection = connections.open(true);
        try {
            return AppliedChangesets.read(connection);
        } catch (SQLException e) {
            throw connections.translate(e, "read");
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    /** The changelog's changesets, after checking that none the database has run was edited since. */
    List<PendingChangeset> changelog(List<AppliedChangesets.Row> applied) {
        Map<String, String> checksums = new HashMap<>();
        applied.forEach(row -> checksums.put(row.key(), row.checksum()));
        return ChangelogReader.changesets(config.changelog(), listener, checksums);
    }

    /** The database's schema as it is now (empty when it does not exist yet). */
    DbSchema live() {
        if (!connections.exists()) {
            return DbSchema.empty();
        }
        Connection connection = connections.open(true);
        try {
            return read(connection);
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    /** The schema of the database {@code connection} is on, as the run sees it. */
    private DbSchema read(Connection connection) {
        try {
            return dialect.read(connection, connections.schema());
        } catch (SQLException e) {
            throw connections.translate(e, "read");
        }
    }

    /** The differences between the model and a schema, for verification (no renames, no planning). */
    SchemaDiff differences(Model model, DbSchema schema) {
        return dialect.differences(model.desired(), schema, ignored);
    }

    /**
     * The schema the whole changelog builds on an empty database, made in a scratch file that is
     * always deleted.
     */
    DbSchema replayChangelog() {
        Path scratch = null;
        try {
            scratch = Files.createTempFile("automigrate-replay-", ".db");
            DatabaseTarget scratchTarget = Files.exists(config.changelog().masterFile())
                    ? applyOnScratch(scratch, "The changelog does not replay on an empty database: ", ". Fix the failing changeset.")
                    : DatabaseTarget.of("jdbc:sqlite:" + scratch, null, null);
            Connection connection = SqliteDatabase.open(scratchTarget, true);
            try {
                return SqliteSchemaReader.read(connection, t -> true, false);
            } finally {
                SqliteDatabase.closeQuietly(connection);
            }
        } catch (IOException | SQLException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot create a scratch database: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /**
     * Runs the changelog's pending changesets on a scratch database file. A failure there is the
     * changelog's, reported as such with the given words around the cause.
     */
    private DatabaseTarget applyOnScratch(Path scratch, String before, String after) {
        DatabaseTarget scratchTarget = DatabaseTarget.of("jdbc:sqlite:" + scratch, null, null);
        SqliteDatabase.releaseLiquibaseLock(scratchTarget); // a copied database is ours: a lock copied along means nothing
        try {
            ChangelogApplier.update(SqliteDatabase.open(scratchTarget, false), scratchTarget, config.changelog(),
                    EngineListener.SILENT, null);
        } catch (MigrateException e) {
            if (e.code() == ErrorCode.CHANGELOG) {
                throw e;
            }
            throw new MigrateException(ErrorCode.CHANGELOG, before + e.getMessage() + after, e);
        }
        return scratchTarget;
    }

    /** What differs between the model and the database now (for verify, baseline and after applying). */
    SchemaDiff drift(Model model) {
        return differences(model, live());
    }

    /**
     * What differs between the model and the database as {@code connection} sees it: inside a run's transaction,
     * the changes the run has made but not yet committed.
     */
    SchemaDiff drift(Model model, Connection connection) {
        return differences(model, read(connection));
    }

    /** What the model has that the changelog, replayed on an empty database, does not build (the CI gate). */
    SchemaDiff uncovered(Model model) {
        return differences(model, replayed(model));
    }

    /** The processed changes that bring the replayed changelog to the model (what {@code baseline} writes). */
    SchemaDiff baselineGap(Model model) {
        return gap(model, replayed(model));
    }

    /** The schema the whole changelog builds on an empty database of this kind. */
    private DbSchema replayed(Model model) {
        if (dialect.rebuildsTables()) {
            return replayChangelog(); // SQLite: a scratch file
        }
        try (ShadowDatabase replay = replayOnShadow()) {
            Connection connection = replay.open();
            try {
                return dialect.read(connection, replay.schema());
            } catch (SQLException e) {
                throw connections.translate(e, "read the changelog's replay on");
            } finally {
                ServerDatabase.closeQuietly(connection);
            }
        }
    }

    /** The SQL of each change, as it goes into the changelog. */
    List<RenderedChange> render(SchemaDiff diff) {
        List<RenderedChange> rendered = dialect.render(diff.changes());
        return connections.sqlite() ? rendered : oneStatementEach(rendered);
    }

    /**
     * MariaDB/MySQL commit every DDL statement at once, so a changeset of several statements that fails or is
     * killed half-way stays half-applied with no {@code DATABASECHANGELOG} row to say so. There each statement gets
     * a changeset of its own: the database's record says exactly how far a run got, a killed run's next run goes on
     * from there, and a failed run rolls back exactly the statements that ran. The first statement's changeset
     * carries the change's rollback, which undoes the whole change; the later ones undo nothing themselves
     * ({@code DO 0}), since they only finish what the first began (fill a column, then make it NOT NULL).
     */
    private List<RenderedChange> oneStatementEach(List<RenderedChange> changes) {
        if (dialect.transactionalDdl()) {
            return changes;
        }
        List<RenderedChange> split = new ArrayList<>();
        for (RenderedChange whole : changes) {
            SchemaChange change = whole.change();
            int n = whole.sql().size();
            for (int i = 0; i < n; i++) {
                List<String> rollback = i == 0 || whole.rollback() == null ? whole.rollback() : List.of(UNDONE_BEFORE);
                SchemaChange step = n == 1 ? change : new SchemaChange.ServerChange("statement",
                        change.table(), change.description() + " (statement " + (i + 1) + " of " + n + ")",
                        change.safety(), List.of(whole.sql().get(i)), rollback);
                split.add(new RenderedChange(step, List.of(whole.sql().get(i)), rollback, false));
            }
        }
        return split;
    }

    /** The rollback of a statement whose change the rollback of its first statement undoes as a whole. */
    static final String UNDONE_BEFORE = "DO 0";

    /** A fresh shadow with the whole changelog applied (the caller closes it, which drops it). */
    private ShadowDatabase replayOnShadow() {
        ShadowDatabase replay = ShadowDatabase.create(target, listener);
        try {
            if (Files.exists(config.changelog().masterFile())) {
                DatabaseTarget scratch = DatabaseTarget.of(replay.url(),
                        target.username(), target.password());
                try {
                    ChangelogApplier.update(replay.open(), scratch, config.changelog(), EngineListener.SILENT, null);
                } catch (MigrateException e) {
                    if (e.code() == ErrorCode.CHANGELOG) {
                        throw e;
                    }
                    throw new MigrateException(ErrorCode.CHANGELOG, "The changelog does not replay on an empty "
                            + "database: " + e.getMessage() + ". Fix the failing changeset.", e);
                }
            }
            return replay;
        } catch (RuntimeException e) {
            replay.close();
            throw e;
        }
    }

    /** The server plan: pending changesets, then the diff against the database as they will leave it. */
    private Plan planServer(Model model) {
        long start = System.nanoTime();
        Connection live = connections.open(true);
        ShadowDatabase replay = null;
        Connection structure = null;
        try {
            List<AppliedChangesets.Row> applied = AppliedChangesets.read(live);
            List<PendingChangeset> pending = classify(AppliedChangesets.pending(changelog(applied), applied), live);
            DbSchema liveSchema = read(live);
            DbSchema after = liveSchema;
            if (!pending.isEmpty()) {
                // the database as the pending changesets will leave it: the whole changelog replayed on a shadow
                replay = replayOnShadow();
                structure = replay.open();
                after = dialect.read(structure, replay.schema());
            }
            SchemaDiff diff = guardPending(diff(model, after, live, liveSchema), pending);
            diff = dialect.transactionBudget(live, pending.size()).process(diff);
            List<RenderedChange> whole = dialect.render(diff.changes());
            List<PlannedChange> planned = whole.stream().map(RenderedChange::planned).toList();
            List<RenderedChange> rendered = oneStatementEach(whole);
            long destructive = planned.stream().filter(p -> p.safety() == Safety.DESTRUCTIVE).count();
            String needed = planned.isEmpty() ? "matches the model"
                    : planned.size() + " change" + (planned.size() == 1 ? "" : "s") + " needed (" + destructive
                    + " destructive)";
            listener.step("Database " + target.maskedUrl() + ": " + pendingCount(pending) + needed + " ("
                    + since(start).toMillis() + " ms)");
            return new Plan(true, applied.size(), pending, diff, rendered, planned);
        } catch (SQLException e) {
            throw connections.translate(e, "read");
        } finally {
            ServerDatabase.closeQuietly(structure);
            ServerDatabase.closeQuietly(live);
            if (replay != null) {
                replay.close();
            }
        }
    }

    /** Compares the model with the database as it will be once the pending changesets have run. */
    Plan plan(Model model) {
        if (!dialect.rebuildsTables()) {
            return planServer(model);
        }
        long start = System.nanoTime();
        Path file = target.sqliteFile();
        boolean exists = Files.exists(file);
        Connection connection = exists ? SqliteDatabase.open(target, true) : null;
        Path scratch = null;
        try {
            List<AppliedChangesets.Row> applied = connection == null ? List.of() : AppliedChangesets.read(connection);
            List<PendingChangeset> pending = AppliedChangesets.pending(changelog(applied), applied);
            if (connection != null) {
                pending = classify(pending, connection);
            }
            if (!pending.isEmpty()) {
                scratch = Files.createTempFile("automigrate-plan-", ".db");
                if (connection != null) {
                    connection.unwrap(org.sqlite.SQLiteConnection.class).getDatabase()
                            .backup("main", scratch.toString(), null);
                    connection.close();
                }
                connection = SqliteDatabase.open(applyOnScratch(scratch, "A pending changeset of the changelog fails "
                        + "(tried on a scratch copy; the database was not touched): ", ""), true);
            }
            DbSchema live = connection == null ? DbSchema.empty() : SqliteSchemaReader.read(connection, t -> true, false);
            SchemaDiff diff = guardPending(diff(model, live, connection, live), pending);
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
                    + pendingCount(pending) + needed + " (" + since(start).toMillis() + " ms)");
            return new Plan(exists, applied.size(), pending, diff, rendered, planned);
        } catch (SQLException e) {
            throw SqliteDatabase.translate(e, file.toString(), "read");
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot create a scratch copy for planning: " + e.getMessage(), e);
        } finally {
            SqliteDatabase.closeQuietly(connection);
            deleteQuietly(scratch);
        }
    }

    /** What a schema without rows (e.g. the changelog replayed) lacks of the model, processed and ordered. */
    SchemaDiff gap(Model model, DbSchema schema) {
        return diff(model, schema, null, schema);
    }

    /**
     * The processed plan from {@code structure} (the database as the pending changesets leave it) to the model,
     * the same list of steps on every kind of database: configured renames, the comparison, rename hints, the
     * kind's planner (how each change is made; the NOT NULL rule), ordering, narrowing checked against the data,
     * the destructive guard and the table limit. {@code data} (the database itself; null: no rows) answers row
     * counts and value checks; {@code dataSchema} is its schema.
     */
    private SchemaDiff diff(Model model, DbSchema structure, Connection data, DbSchema dataSchema) {
        UnaryOperator<String> quote = dialect::quote;
        List<DiffProcessor> processors = List.of(
                Guards.renameHints(),
                dialect.planner(model.desired(), dialect.liveData(data), config.defaults()),
                new ChangeOrdering(),
                new DataFit(model.desired(), dataSchema, dialect.rules()::fitNarrows, dialect.rules()::fitSpelling,
                        (table, column, condition) -> data == null ? new DataFit.Misfits(0, List.of())
                                : misfits(data, quote, table, column, condition),
                        Set.copyOf(config.truncate()), dialect.rebuildsTables(), quote),
                Guards.destructive(config.allowDestructive()),
                Guards.tableLimit(config.maxTablesPerRun()));
        Renames.Applied renamed = Renames.apply(structure, model.desired(), Renames.parse(config.renames()));
        SchemaDiff compared = SchemaComparer.compare(model.desired(), renamed.live(), ignored, dialect.rules());
        List<SchemaChange> all = new ArrayList<>(renamed.changes());
        all.addAll(compared.changes());
        SchemaDiff diff = SchemaDiff.of(all);
        for (DiffProcessor processor : processors) {
            diff = processor.process(diff);
        }
        return diff;
    }

    /** The rows of {@code table} where {@code condition} holds: their count and up to three, by key. */
    private DataFit.Misfits misfits(Connection connection, UnaryOperator<String> quote, DbTable table, DbColumn column,
                                    String condition) {
        List<String> keys = new ArrayList<>(table.primaryKey());
        if (keys.isEmpty() && dialect.rebuildsTables()) {
            keys.add("rowid");
        }
        String from = " from " + quote.apply(table.name()) + " where " + condition;
        try (Statement st = connection.createStatement()) {
            long count;
            try (ResultSet rs = st.executeQuery("select count(*)" + from)) {
                rs.next();
                count = rs.getLong(1);
            }
            List<String> examples = new ArrayList<>();
            if (count > 0) {
                String keyList = keys.stream().map(k -> k.equals("rowid") ? k : quote.apply(k))
                        .collect(Collectors.joining(", "));
                try (ResultSet rs = st.executeQuery("select " + (keys.isEmpty() ? "" : keyList + ", ")
                        + quote.apply(column.name()) + from + (keys.isEmpty() ? "" : " order by " + keyList) + " limit 3")) {
                    while (rs.next()) {
                        StringBuilder key = new StringBuilder();
                        for (int i = 0; i < keys.size(); i++) {
                            key.append(i == 0 ? "" : ",").append(keys.get(i)).append('=').append(rs.getString(i + 1));
                        }
                        examples.add(DataFit.example(key.toString(), rs.getObject(keys.size() + 1)));
                    }
                }
            }
            return new DataFit.Misfits(count, examples);
        } catch (SQLException e) {
            throw connections.translate(e, "check the values of " + table.name() + "." + column.name() + " in");
        }
    }

    /** The pending changesets with what each drops of the data the database {@code connection} holds now. */
    List<PendingChangeset> classify(List<PendingChangeset> pending, Connection connection) {
        if (pending.isEmpty()) {
            return pending;
        }
        try {
            return ChangelogReader.classify(config.changelog(), listener, pending,
                    dialect.read(connection, connections.schema()), dialect.rules()::fitNarrows,
                    dialect.rules()::fitSpelling);
        } catch (SQLException e) {
            throw connections.translate(e, "read");
        }
    }

    /** The pending changesets (the next {@code count}, or all) with what each drops; read from the database. */
    List<PendingChangeset> classify(List<PendingChangeset> pending) {
        if (pending.isEmpty() || !connections.exists()) {
            return pending;
        }
        Connection connection = connections.open(true);
        try {
            return classify(pending, connection);
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    /** {@code 2 pending changesets (1 destructive), } for the plan's step line; empty when none is pending. */
    private static String pendingCount(List<PendingChangeset> pending) {
        long destructive = pending.stream().filter(PendingChangeset::destructive).count();
        return pending.isEmpty() ? "" : pending.size() + " pending changeset" + (pending.size() == 1 ? "" : "s")
                + (destructive == 0 ? "" : " (" + destructive + " destructive)") + ", ";
    }

    /** A pending changeset that drops data needs {@code allowDestructive}, as a generated change does. */
    SchemaDiff guardPending(SchemaDiff diff, List<PendingChangeset> pending) {
        String message = pendingBlocker(pending);
        return message == null ? diff : diff.withBlocker(new SchemaDiff.Blocker(ErrorCode.DESTRUCTIVE_BLOCKED, message));
    }

    /** The refusal for pending changesets that drop data, or {@code null} when none does or it is allowed. */
    String pendingBlocker(List<PendingChangeset> pending) {
        List<PendingChangeset> destructive = pending.stream().filter(PendingChangeset::destructive).toList();
        if (destructive.isEmpty() || config.allowDestructive()) {
            return null;
        }
        return (destructive.size() == 1 ? "A pending changeset drops data: " : destructive.size()
                + " pending changesets drop data: ") + destructive.stream().map(p -> p.file() + "::" + p.id() + " [DESTRUCTIVE] ("
                + String.join(", ", p.drops()) + ")").collect(Collectors.joining("; ")) + ". "
                + (destructive.size() == 1 ? "It is" : "They are") + " in the changelog but not applied to this database "
                + "(a teammate's change, or one a restore made pending again). Destructive changes are never applied "
                + "unless you allow them: set <allowDestructive>true</allowDestructive> or -Dmigrate.allowDestructive=true "
                + "once you have checked them with mvn migrate:preview; or, if the data should stay, take the changeset "
                + "out of the changelog.";
    }

    /** Throws, with every problem listed, when the plan has blockers. */
    static void failOnBlockers(SchemaDiff diff) {
        if (diff.blockers().isEmpty()) {
            return;
        }
        List<SchemaDiff.Blocker> blockers = diff.blockers();
        String message = blockers.size() == 1 ? blockers.get(0).message()
                : blockers.size() + " problems stop this run before it changes anything:\n  - "
                        + blockers.stream().map(SchemaDiff.Blocker::message).collect(Collectors.joining("\n  - "));
        throw new MigrateException(blockers.get(0).code(), message);
    }

    /** The description of a generated changeset: the configured message, or one derived from the changes. */
    String description(Plan plan) {
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
        // on a server, creating tables also brings their foreign keys and sequences as changes of their own
        List<String> created = changes.stream().filter(c -> c instanceof SchemaChange.CreateTable)
                .map(SchemaChange::table).toList();
        if (!created.isEmpty() && changes.stream().allMatch(c -> c instanceof SchemaChange.CreateTable
                || c instanceof SchemaChange.CreateSequence
                || c instanceof SchemaChange.AddForeignKey && created.stream().anyMatch(t -> t.equalsIgnoreCase(c.table())))) {
            return "Create table" + (created.size() == 1 ? " " : "s ") + list(created);
        }
        String text = list(changes.stream().map(SchemaChange::description).toList());
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String list(List<String> items) {
        if (items.size() <= 3) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, 3)) + " and " + (items.size() - 3) + " more";
    }

    String relative(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(config.projectDirectory()) ? config.projectDirectory().relativize(abs).toString()
                : abs.toString();
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
