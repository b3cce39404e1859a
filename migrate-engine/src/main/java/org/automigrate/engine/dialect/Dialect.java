package org.automigrate.engine.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.automigrate.engine.changelog.RenderedChange;
import org.automigrate.engine.changelog.ServerRenderer;
import org.automigrate.engine.changelog.SqliteChangeRenderer;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.ShadowDatabase;
import org.automigrate.engine.db.ServerDatabase;
import org.automigrate.engine.db.SqliteDatabase;
import org.automigrate.engine.db.SqliteFkDialect;
import org.automigrate.engine.diff.ComparisonRules;
import org.automigrate.engine.diff.DiffProcessor;
import org.automigrate.engine.diff.LockBudget;
import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.diff.SchemaComparer;
import org.automigrate.engine.diff.SchemaDiff;
import org.automigrate.engine.diff.ServerPlanner;
import org.automigrate.engine.diff.SqlitePlanner;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.DesiredSchema;
import org.automigrate.engine.schema.MariaDbCatalogReader;
import org.automigrate.engine.schema.PostgresCatalogReader;
import org.automigrate.engine.schema.SqliteSchemaReader;

/**
 * What the comparison, the plan and the changelog need to know about one kind of database, in one place: how
 * its catalog is read into a {@link DbSchema}, what counts as equal there, how it makes each kind of change
 * (SQLite rebuilds tables; the servers alter them in place), how a change is written in its SQL, whether its
 * DDL is transactional, and which Hibernate dialect writes the model's DDL for it. Planning asks the dialect
 * instead of asking which database it is on.
 */
public interface Dialect {

    DatabaseKind kind();

    /** The tables and sequences of {@code schema} (PostgreSQL: a schema; MariaDB: a database; SQLite: ignored). */
    DbSchema read(Connection connection, String schema) throws SQLException;

    ComparisonRules rules();

    /** The differences between the model and a schema, as verification lists them (no renames, no planning). */
    default SchemaDiff differences(DbSchema desired, DbSchema live, Predicate<String> ignored) {
        return SchemaComparer.compare(desired, live, ignored, rules());
    }

    /**
     * Decides how each difference is made here, and enforces the NOT NULL rule with the live data's counts and
     * the {@code defaults} setting (one-off values by lower-case {@code table.column}).
     */
    DiffProcessor planner(DbSchema desired, SqlitePlanner.LiveData data, Map<String, String> defaults);

    /** Row and NULL counts of the database {@code data} for the NOT NULL rule (none when it is null). */
    SqlitePlanner.LiveData liveData(Connection data);

    /**
     * What keeps a run's one transaction within what the server can bear while other sessions work (PostgreSQL:
     * its shared lock table); {@code live} is a connection to the database, {@code pending} the changesets that
     * run before the new ones.
     */
    default DiffProcessor transactionBudget(Connection live, int pending) throws SQLException {
        return diff -> diff;
    }

    /** Whether changes a table cannot make in place rebuild it (copying its rows) rather than alter it. */
    boolean rebuildsTables();

    /** An identifier as this database's SQL writes it, quoted where needed. */
    String quote(String identifier);

    /** Each change with its SQL and the SQL that undoes it. */
    List<RenderedChange> render(List<SchemaChange> changes);

    /**
     * Whether DDL runs inside a transaction. Where it does not (MariaDB/MySQL commit every DDL statement at
     * once), each statement becomes a changeset of its own, so the database's record says exactly how far a
     * failed or killed run got.
     */
    boolean transactionalDdl();

    /** The Hibernate dialect that writes the model's DDL (the server's product and version refine it). */
    String hibernateDialect();

    /** The Hibernate dialect for the server the product name and version describe (MySQL behind a mysql URL). */
    default String hibernateDialect(String product, String version) {
        return hibernateDialect();
    }

    /** The model's schema as the database reads it back, and where it was made (for the step line). */
    record Made(DbSchema schema, String where) {
    }

    /**
     * Runs the model's DDL where it leaves nothing behind and reads back what it made: SQLite an in-memory
     * database, PostgreSQL the session's temporary schema, MariaDB a shadow database dropped at once.
     */
    Made makeModel(DatabaseTarget target, List<String> ddl, EngineListener listener);

    static Dialect of(DatabaseKind kind) {
        return switch (kind) {
            case SQLITE -> SQLITE;
            case POSTGRESQL -> POSTGRESQL;
            case MARIADB -> MARIADB;
        };
    }

    Dialect SQLITE = new Dialect() {
        public DatabaseKind kind() {
            return DatabaseKind.SQLITE;
        }

        public DbSchema read(Connection connection, String schema) throws SQLException {
            return SqliteSchemaReader.read(connection, t -> true, false);
        }

        public ComparisonRules rules() {
            return ComparisonRules.SQLITE;
        }

        @Override
        public SchemaDiff differences(DbSchema desired, DbSchema live, Predicate<String> ignored) {
            return SchemaComparer.compare(desired, live, ignored);
        }

        public DiffProcessor planner(DbSchema desired, SqlitePlanner.LiveData data, Map<String, String> defaults) {
            SqlitePlanner planner = new SqlitePlanner(desired, data, defaults);
            return diff -> planner.process(diff.withChanges(SchemaComparer.groupForSqlite(diff.changes())));
        }

        public SqlitePlanner.LiveData liveData(Connection data) {
            return new SqlitePlanner.LiveData() {
                public long rows(String table) {
                    return data == null ? 0 : SqliteDatabase.rowCount(data, table);
                }

                public long nulls(String table, String column) {
                    return data == null ? 0 : SqliteDatabase.nullCount(data, table, column);
                }
            };
        }

        public boolean rebuildsTables() {
            return true;
        }

        public String quote(String identifier) {
            return SqliteSchemaReader.quote(identifier);
        }

        public List<RenderedChange> render(List<SchemaChange> changes) {
            return SqliteChangeRenderer.render(changes);
        }

        public boolean transactionalDdl() {
            return true;
        }

        public String hibernateDialect() {
            return SqliteFkDialect.class.getName();
        }

        public Made makeModel(DatabaseTarget target, List<String> ddl, EngineListener listener) {
            return new Made(DesiredSchema.build(ddl), "memory");
        }
    };

    Dialect POSTGRESQL = new Server(DatabaseKind.POSTGRESQL, ServerRenderer.POSTGRESQL, true,
            "org.hibernate.dialect.PostgreSQLDialect") {
        public DbSchema read(Connection connection, String schema) throws SQLException {
            return PostgresCatalogReader.read(connection, schema);
        }

        /**
         * Above this many tables the model is made in a shadow schema instead of the session's temporary one: a
         * session that ends without dropping its temporary tables (a killed build) leaves the server to drop them
         * all in one transaction, which for a model this size can take more locks than the server's shared lock
         * table holds while others work, and then fails every later session given that temporary schema until it
         * succeeds. A shadow schema is dropped a hundred tables at a time, and by the next run when left behind.
         */
        static final int TEMPORARY_SCHEMA_TABLES = 400;

        public Made makeModel(DatabaseTarget target, List<String> ddl, EngineListener listener) {
            long tables = ddl.stream().filter(sql -> sql.strip().toLowerCase(java.util.Locale.ROOT)
                    .startsWith("create table")).count();
            if (tables <= TEMPORARY_SCHEMA_TABLES) {
                return new Made(ShadowDatabase.inTemporarySchema(target, ddl, this::read), "a temporary schema");
            }
            return inShadow(this, target, ddl, listener, "the shadow schema ");
        }

        @Override
        public DiffProcessor transactionBudget(Connection live, int pending) throws SQLException {
            try (java.sql.Statement st = live.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                    "select current_setting('max_locks_per_transaction')::bigint, "
                            + "current_setting('max_connections')::bigint + current_setting('max_prepared_transactions')::bigint")) {
                rs.next();
                return new LockBudget(rs.getLong(1), rs.getLong(2), pending);
            }
        }
    };

    Dialect MARIADB = new Server(DatabaseKind.MARIADB, ServerRenderer.MARIADB, false,
            "org.hibernate.dialect.MariaDBDialect") {
        public DbSchema read(Connection connection, String schema) throws SQLException {
            return MariaDbCatalogReader.read(connection, schema);
        }

        public Made makeModel(DatabaseTarget target, List<String> ddl, EngineListener listener) {
            return inShadow(this, target, ddl, listener, "the shadow database ");
        }

        @Override
        public String hibernateDialect(String product, String version) {
            boolean mysql = product.toLowerCase(java.util.Locale.ROOT).contains("mysql")
                    && !version.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
            return mysql ? "org.hibernate.dialect.MySQLDialect" : hibernateDialect();
        }
    };

    /** The model made in a shadow (a schema on PostgreSQL, a database on MariaDB), read, and dropped at once. */
    private static Made inShadow(Dialect dialect, DatabaseTarget target, List<String> ddl, EngineListener listener,
                                 String what) {
        try (ShadowDatabase shadow = ShadowDatabase.create(target, listener)) {
            shadow.execute(ddl);
            Connection connection = shadow.open();
            try {
                return new Made(dialect.read(connection, shadow.schema()), what + shadow.name());
            } catch (SQLException e) {
                throw ServerDatabase.translate(e, target, shadow.name(), "read the model's schema on");
            } finally {
                ServerDatabase.closeQuietly(connection);
            }
        }
    }

    /** PostgreSQL and MariaDB/MySQL: tables altered in place, the server's own SQL. */
    abstract class Server implements Dialect {
        private final DatabaseKind kind;
        private final ServerRenderer renderer;
        private final boolean transactionalDdl;
        private final String hibernateDialect;

        Server(DatabaseKind kind, ServerRenderer renderer, boolean transactionalDdl, String hibernateDialect) {
            this.kind = kind;
            this.renderer = renderer;
            this.transactionalDdl = transactionalDdl;
            this.hibernateDialect = hibernateDialect;
        }

        public DatabaseKind kind() {
            return kind;
        }

        public ComparisonRules rules() {
            return ComparisonRules.SERVER;
        }

        public DiffProcessor planner(DbSchema desired, SqlitePlanner.LiveData data, Map<String, String> defaults) {
            return new ServerPlanner(data, defaults);
        }

        public SqlitePlanner.LiveData liveData(Connection data) {
            return new SqlitePlanner.LiveData() {
                public long rows(String table) {
                    return data == null ? 0 : ServerDatabase.rowCount(data, table);
                }

                public long nulls(String table, String column) {
                    return data == null ? 0 : ServerDatabase.nullCount(data, table, column);
                }
            };
        }

        public boolean rebuildsTables() {
            return false;
        }

        public String quote(String identifier) {
            return renderer.quote(identifier);
        }

        public List<RenderedChange> render(List<SchemaChange> changes) {
            return renderer.render(changes);
        }

        public boolean transactionalDdl() {
            return transactionalDdl;
        }

        public String hibernateDialect() {
            return hibernateDialect;
        }
    }
}
