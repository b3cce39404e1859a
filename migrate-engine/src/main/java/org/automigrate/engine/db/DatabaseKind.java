package org.automigrate.engine.db;

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
                        + "Use jdbc:sqlite:<file>, jdbc:postgresql://host/db or jdbc:mariadb://host/db "
                        + "in <url> or -Dmigrate.url.");
    }

}
