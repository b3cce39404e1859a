package org.automigrate.engine.db;

import java.util.List;
import java.util.Locale;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.DatabaseTarget;

/** The database products the engine knows, recognised from the JDBC URL. */
public enum DatabaseKind {
    SQLITE("jdbc:sqlite:"),
    POSTGRESQL("jdbc:postgresql:"),
    MARIADB("jdbc:mariadb:", "jdbc:mysql:");

    private final String[] prefixes;

    DatabaseKind(String... prefixes) {
        this.prefixes = prefixes;
    }

    /**
     * The names Liquibase gives this kind of database, for a changeset's {@code dbms} attribute: MariaDB and
     * MySQL share one kind here, so both.
     */
    public String liquibaseNames() {
        return switch (this) {
            case SQLITE -> "sqlite";
            case POSTGRESQL -> "postgresql";
            case MARIADB -> "mariadb,mysql";
        };
    }

    /** The kind's name for people: {@code SQLite}, {@code PostgreSQL}, {@code MariaDB/MySQL}. */
    public String label() {
        return switch (this) {
            case SQLITE -> "SQLite";
            case POSTGRESQL -> "PostgreSQL";
            case MARIADB -> "MariaDB/MySQL";
        };
    }

    /** The kind a {@code dbms} attribute names, if it names one of ours. */
    public static java.util.Optional<DatabaseKind> ofLiquibaseName(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        for (DatabaseKind kind : values()) {
            if (List.of(kind.liquibaseNames().split(",")).contains(lower)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }

    public static DatabaseKind of(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (DatabaseKind kind : values()) {
            for (String prefix : kind.prefixes) {
                if (lower.startsWith(prefix)) {
                    return kind;
                }
            }
        }
        throw new MigrateException(ErrorCode.CONFIGURATION,
                "The database URL '" + DatabaseTarget.maskSecrets(url) + "' is not a JDBC URL this plugin supports. "
                        + "Use jdbc:sqlite:<file>, jdbc:postgresql://host/db, jdbc:mariadb://host/db or "
                        + "jdbc:mysql://host/db in <url> or -Dmigrate.url.");
    }

}
