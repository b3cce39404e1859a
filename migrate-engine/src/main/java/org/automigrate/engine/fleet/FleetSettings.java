package org.automigrate.engine.fleet;

import java.util.List;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.DatabaseTarget;

/**
 * The settings of a run over many databases. Without {@code targets}, {@code schemas} and {@code targetsQuery}
 * the run works on the one database of {@code url}, exactly as ever ({@link #active()} is false).
 *
 * @param targets        JDBC URLs; a {@code jdbc:sqlite:} entry may be a glob ({@code jdbc:sqlite:tenants/*.db}),
 *                       relative to the project directory
 * @param schemas        PostgreSQL schemas, by name or pattern ({@code tenant_*}), of each PostgreSQL target
 *                       without {@code currentSchema} (of {@code url} when there are no targets); each becomes
 *                       the URL with {@code currentSchema=<schema>}
 * @param targetsQuery   SQL run on {@code url} (the control database) whose first column is a JDBC URL or, when
 *                       {@code url} is PostgreSQL, a schema of its database
 * @param threads        how many databases are worked on at once; 0 for the number of cores
 * @param maxConnections the most connections the run may hold at once, which caps {@code threads}; 0 for no cap
 * @param failFast       stop starting databases after the first failure
 */
public record FleetSettings(List<String> targets, List<String> schemas, String targetsQuery, int threads,
                            int maxConnections, boolean failFast) {
    /** A run on the one database of {@code url}. */
    public static final FleetSettings NONE = new FleetSettings(List.of(), List.of(), null, 0, 0, false);

    /**
     * The connections one database's work holds at most at once: the migration lock's, the run's own, and a
     * dump tool's or a read's.
     */
    public static final int CONNECTIONS_PER_THREAD = 3;

    public FleetSettings {
        targets = targets == null ? List.of() : targets.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        schemas = schemas == null ? List.of() : schemas.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        targetsQuery = targetsQuery == null || targetsQuery.isBlank() ? null : targetsQuery.strip();
        if (threads < 0) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "threads must be 0 (one per core) or more, not "
                    + threads + ". Fix <threads> or -Dmigrate.threads.");
        }
        if (maxConnections < 0) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "maxConnections must be 0 (no cap) or more, not "
                    + maxConnections + ". Fix <maxConnections> or -Dmigrate.maxConnections.");
        }
    }

    /** A record would print a password written into a target's URL. */
    @Override
    public String toString() {
        return "FleetSettings[targets=" + targets.stream().map(DatabaseTarget::maskSecrets).toList() + ", schemas="
                + schemas + ", targetsQuery=" + (targetsQuery == null ? null : DatabaseTarget.maskSecrets(targetsQuery))
                + ", threads=" + threads + ", maxConnections=" + maxConnections + ", failFast=" + failFast + "]";
    }

    /** Whether the run works on many databases (any of {@code targets}, {@code schemas}, {@code targetsQuery}). */
    public boolean active() {
        return !targets.isEmpty() || !schemas.isEmpty() || targetsQuery != null;
    }

    /**
     * The worker threads: {@code threads} (the number of cores when 0), capped so that the workers hold at most
     * {@code maxConnections} connections ({@value #CONNECTIONS_PER_THREAD} each), never fewer than one, never
     * more than there are databases.
     */
    public int effectiveThreads(int databases) {
        int wanted = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (maxConnections > 0) {
            wanted = Math.min(wanted, Math.max(1, maxConnections / CONNECTIONS_PER_THREAD));
        }
        return Math.max(1, Math.min(wanted, Math.max(1, databases)));
    }
}
