package org.automigrate.engine.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.automigrate.engine.changelog.RenderedChange;
import org.automigrate.engine.changelog.ServerRenderer;
import org.automigrate.engine.changelog.SqliteChangeRenderer;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.SqliteFkDialect;
import org.automigrate.engine.diff.ComparisonRules;
import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.MariaDbCatalogReader;
import org.automigrate.engine.schema.PostgresCatalogReader;
import org.automigrate.engine.schema.SqliteSchemaReader;

/**
 * What the comparison and the changelog need to know about one kind of database, in one place: how its
 * catalog is read into a {@link DbSchema}, what counts as equal there, how a change is written in its SQL,
 * whether its DDL is transactional, and which Hibernate dialect writes the model's DDL for it. Planning asks
 * the dialect instead of asking which database it is on.
 */
public interface Dialect {

    DatabaseKind kind();

    /** The tables and sequences of {@code schema} (PostgreSQL: a schema; MariaDB: a database; SQLite: ignored). */
    DbSchema read(Connection connection, String schema) throws SQLException;

    ComparisonRules rules();

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

        public List<RenderedChange> render(List<SchemaChange> changes) {
            return SqliteChangeRenderer.render(changes);
        }

        public boolean transactionalDdl() {
            return true;
        }

        public String hibernateDialect() {
            return SqliteFkDialect.class.getName();
        }
    };

    Dialect POSTGRESQL = new Dialect() {
        public DatabaseKind kind() {
            return DatabaseKind.POSTGRESQL;
        }

        public DbSchema read(Connection connection, String schema) throws SQLException {
            return PostgresCatalogReader.read(connection, schema);
        }

        public ComparisonRules rules() {
            return ComparisonRules.SERVER;
        }

        public List<RenderedChange> render(List<SchemaChange> changes) {
            return ServerRenderer.POSTGRESQL.render(changes);
        }

        public boolean transactionalDdl() {
            return true;
        }

        public String hibernateDialect() {
            return "org.hibernate.dialect.PostgreSQLDialect";
        }
    };

    Dialect MARIADB = new Dialect() {
        public DatabaseKind kind() {
            return DatabaseKind.MARIADB;
        }

        public DbSchema read(Connection connection, String schema) throws SQLException {
            return MariaDbCatalogReader.read(connection, schema);
        }

        public ComparisonRules rules() {
            return ComparisonRules.SERVER;
        }

        public List<RenderedChange> render(List<SchemaChange> changes) {
            return ServerRenderer.MARIADB.render(changes);
        }

        public boolean transactionalDdl() {
            return false;
        }

        public String hibernateDialect() {
            return "org.hibernate.dialect.MariaDBDialect";
        }
    };
}
