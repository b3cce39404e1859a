package org.automigrate.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.config.ChangelogSettings;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.config.Naming;
import org.automigrate.engine.config.NamingDetector;
import org.automigrate.engine.discovery.ModelSet;
import org.automigrate.engine.fleet.FleetSettings;

/**
 * Everything one engine run needs to know. Build it with {@link #builder(Path)}; every value but the
 * project directory has a default that serves a SQLite file with no configuration at all.
 *
 * @param projectDirectory the project's base directory
 * @param classpath        the project's runtime classpath: compiled classes first, then dependency jars
 * @param scanRoots        where entities are searched for (by default the compiled classes directory)
 * @param packages         if not empty, only classes in these packages (and below) are models
 * @param database         the database to migrate
 * @param changelog        where changelogs are read and written
 * @param backup           the backup policy
 * @param verify           compare the model with the database again after applying
 * @param allowDestructive allow changes that drop tables or columns
 * @param maxTablesPerRun  stop a run that would touch more tables than this; 0 for no limit
 * @param message          description of the generated changeset; {@code null} to derive one
 * @param namingStrategy   the {@code namingStrategy} setting: {@code hibernate} (Hibernate's defaults),
 *                         {@code spring} (Spring Boot's), {@code snake} (snake_case), or a class name of a
 *                         Hibernate {@code PhysicalNamingStrategy}; {@code null} to detect it (see {@link #naming()})
 * @param ignoreTables     tables that are not the model's and must be left alone (names or {@code prefix*})
 * @param renames          renames to apply instead of drop plus add: {@code table.old=new} (a column) or
 *                         {@code old=new} (a table)
 * @param defaults         one-off values for existing rows, by lower-case {@code table.column}, as SQL literals
 * @param stateDirectory   where the engine keeps state between runs that may be thrown away (the no-op
 *                         fingerprint); by default {@code target/automigrate}
 * @param columnOrder      the column order of new tables: {@code declared} (the entity's field order) or
 *                         {@code hibernate} (Hibernate 7's: by type and size, then by name)
 * @param truncate         columns, lower-case {@code table.column}, whose values may be cut to a narrower type;
 *                         without it a narrowing that does not fit the data stops the run, whatever
 *                         {@code allowDestructive} says
 * @param hibernateProperties the {@code hibernateProperties} setting: {@code hibernate.*} properties for building
 *                         the desired schema (see {@link #hibernate()})
 * @param fleet            many databases in one run ({@code targets}, {@code schemas}, {@code targetsQuery},
 *                         {@code threads}, {@code maxConnections}, {@code failFast}); {@link FleetSettings#NONE}
 *                         for the one database of {@code database}
 */
public record EngineConfig(
        Path projectDirectory,
        List<Path> classpath,
        List<Path> scanRoots,
        List<String> packages,
        DatabaseTarget database,
        ChangelogSettings changelog,
        BackupPolicy backup,
        boolean verify,
        boolean allowDestructive,
        int maxTablesPerRun,
        String message,
        String namingStrategy,
        List<String> ignoreTables,
        List<String> renames,
        Map<String, String> defaults,
        Path stateDirectory,
        String columnOrder,
        List<String> truncate,
        Map<String, String> hibernateProperties,
        FleetSettings fleet) {

    public EngineConfig {
        fleet = fleet == null ? FleetSettings.NONE : fleet;
        classpath = List.copyOf(classpath);
        scanRoots = List.copyOf(scanRoots);
        packages = List.copyOf(packages);
        ignoreTables = List.copyOf(ignoreTables);
        renames = List.copyOf(renames);
        defaults = Map.copyOf(defaults);
        truncate = List.copyOf(truncate);
        hibernateProperties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hibernateProperties));
        if (maxTablesPerRun < 0) {
            throw new MigrateException(ErrorCode.CONFIGURATION,
                    "maxTablesPerRun must be 0 (no limit) or more, not " + maxTablesPerRun
                            + ". Fix <maxTablesPerRun> or -Dmigrate.maxTablesPerRun.");
        }
    }

    /**
     * The naming strategy in force and why: the setting, else Spring Boot's naming settings in the project's
     * {@code application.properties}/{@code .yml}, else {@code spring} with Spring Boot on the classpath, else
     * {@code hibernate}. Reads those files on every call.
     */
    public Naming naming() {
        return NamingDetector.detect(namingStrategy, projectDirectory, classpath);
    }

    /**
     * The Hibernate properties the desired schema is built with and where each came from: the
     * {@code hibernateProperties} setting, then Spring Boot's {@code spring.jpa.properties.hibernate.*} in the
     * project's configuration files. Reads those files on every call.
     */
    public org.automigrate.engine.config.HibernateProperties hibernate() {
        return org.automigrate.engine.config.HibernateProperties.resolve(hibernateProperties, projectDirectory);
    }

    /**
     * These settings for one database of a run over many ({@code fleet}): the same in all but the database, with
     * no fleet of its own.
     */
    public EngineConfig forTarget(DatabaseTarget target) {
        return new EngineConfig(projectDirectory, classpath, scanRoots, packages, target.resolvedAgainst(projectDirectory),
                changelog, backup, verify, allowDestructive, maxTablesPerRun, message, namingStrategy, ignoreTables,
                renames, defaults, stateDirectory, columnOrder, truncate, hibernateProperties, FleetSettings.NONE);
    }

    /** The default database URL for a project: a SQLite file named after it in its base directory. */
    public static String defaultUrl(Path projectDirectory, String name) {
        return "jdbc:sqlite:" + projectDirectory.resolve(name + ".db").toAbsolutePath().normalize();
    }

    /** {@code table.column=value} entries to SQL literals: numbers stay numbers, anything else is a string. */
    static Map<String, String> parseDefaults(List<String> entries) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            int dot = entry.indexOf('.');
            if (eq <= 0 || dot <= 0 || dot > eq) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "The default '" + entry + "' is malformed: write "
                        + "table.column=value in <defaults> or -Dmigrate.defaults (comma-separated), e.g. "
                        + "-Dmigrate.defaults=customer.loyalty_points=0");
            }
            String value = entry.substring(eq + 1).strip();
            String literal = value.matches("-?\\d+(\\.\\d+)?") || value.length() >= 2 && value.startsWith("'")
                    && value.endsWith("'") ? value : "'" + value.replace("'", "''") + "'";
            result.put(entry.substring(0, eq).strip().toLowerCase(Locale.ROOT), literal);
        }
        return result;
    }

    /** {@code table.column} entries, lower case; anything else is a configuration error. */
    static List<String> parseTruncate(List<String> entries) {
        List<String> result = new ArrayList<>();
        for (String entry : entries) {
            String column = entry.strip().toLowerCase(Locale.ROOT);
            if (column.isEmpty()) {
                continue;
            }
            if (!column.matches("[^.=\\s]+\\.[^.=\\s]+")) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "The truncate entry '" + entry + "' is malformed: "
                        + "write table.column in <truncate> or -Dmigrate.truncate (comma-separated), e.g. "
                        + "-Dmigrate.truncate=product.name");
            }
            result.add(column);
        }
        return result;
    }

    static String parseColumnOrder(String value) {
        String order = value == null || value.isBlank() ? ModelSet.COLUMN_ORDER_DECLARED
                : value.strip().toLowerCase(Locale.ROOT);
        if (!order.equals(ModelSet.COLUMN_ORDER_DECLARED) && !order.equals(ModelSet.COLUMN_ORDER_HIBERNATE)) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "Unknown column order '" + value + "': use "
                    + ModelSet.COLUMN_ORDER_DECLARED + " (the entity's field order, the default) or "
                    + ModelSet.COLUMN_ORDER_HIBERNATE + " (Hibernate 7's: by type and size, then by name) in "
                    + "<columnOrder> or -Dmigrate.columnOrder.");
        }
        return order;
    }

    public static Builder builder(Path projectDirectory) {
        return new Builder(projectDirectory);
    }

    /** Collects the settings; unset values take the documented defaults. */
    public static final class Builder {
        private final Path projectDirectory;
        private List<Path> classpath = new ArrayList<>();
        private List<Path> scanRoots = new ArrayList<>();
        private List<String> packages = new ArrayList<>();
        private String url;
        private String username;
        private String password;
        private Path changelogRoot;
        private Path changelogDirectory;
        private String author;
        private String changelogFormat;
        private boolean backupEnabled = true;
        private Path backupDirectory;
        private int backupKeep = BackupPolicy.DEFAULT_KEEP;
        private int backupRetentionDays = BackupPolicy.DEFAULT_RETENTION_DAYS;
        private boolean verify = true;
        private boolean allowDestructive;
        private int maxTablesPerRun;
        private String message;
        private String namingStrategy;
        private List<String> ignoreTables = new ArrayList<>();
        private List<String> renames = new ArrayList<>();
        private List<String> defaults = new ArrayList<>();
        private List<String> truncate = new ArrayList<>();
        private Path stateDirectory;
        private String columnOrder = ModelSet.COLUMN_ORDER_DECLARED;
        private Map<String, String> hibernateProperties = new java.util.LinkedHashMap<>();
        private List<String> targets = new ArrayList<>();
        private List<String> schemas = new ArrayList<>();
        private String targetsQuery;
        private int threads;
        private int maxConnections;
        private boolean failFast;

        private Builder(Path projectDirectory) {
            this.projectDirectory = projectDirectory.toAbsolutePath().normalize();
        }

        public Builder classpath(List<Path> classpath) {
            this.classpath = new ArrayList<>(classpath);
            return this;
        }

        public Builder scanRoots(List<Path> scanRoots) {
            this.scanRoots = new ArrayList<>(scanRoots);
            return this;
        }

        public Builder packages(List<String> packages) {
            this.packages = packages == null ? new ArrayList<>() : new ArrayList<>(packages);
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** The resource root that changelog paths are relative to (default {@code src/main/resources}). */
        public Builder changelogRoot(Path root) {
            this.changelogRoot = root;
            return this;
        }

        /** The changelog directory (default {@code src/main/resources/db/changelog}). */
        public Builder changelogDirectory(Path directory) {
            this.changelogDirectory = directory;
            return this;
        }

        public Builder author(String author) {
            this.author = author;
            return this;
        }

        /** The format of generated changeset files: {@code yaml} (default), {@code xml} or {@code sql}. */
        public Builder changelogFormat(String format) {
            this.changelogFormat = format;
            return this;
        }

        public Builder backup(boolean enabled) {
            this.backupEnabled = enabled;
            return this;
        }

        public Builder backupDirectory(Path directory) {
            this.backupDirectory = directory;
            return this;
        }

        public Builder backupKeep(int keep) {
            this.backupKeep = keep;
            return this;
        }

        public Builder backupRetentionDays(int days) {
            this.backupRetentionDays = days;
            return this;
        }

        public Builder verify(boolean verify) {
            this.verify = verify;
            return this;
        }

        public Builder allowDestructive(boolean allow) {
            this.allowDestructive = allow;
            return this;
        }

        public Builder maxTablesPerRun(int max) {
            this.maxTablesPerRun = max;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder namingStrategy(String namingStrategy) {
            this.namingStrategy = namingStrategy;
            return this;
        }

        public Builder ignoreTables(List<String> tables) {
            this.ignoreTables = tables == null ? new ArrayList<>() : new ArrayList<>(tables);
            return this;
        }

        /** Renames: {@code table.old_column=new_column} or {@code old_table=new_table}. */
        public Builder renames(List<String> renames) {
            this.renames = renames == null ? new ArrayList<>() : new ArrayList<>(renames);
            return this;
        }

        /** One-off values for existing rows: {@code table.column=value}. */
        public Builder defaults(List<String> defaults) {
            this.defaults = defaults == null ? new ArrayList<>() : new ArrayList<>(defaults);
            return this;
        }

        /** Columns whose values may be cut to a narrower type: {@code table.column}. */
        public Builder truncate(List<String> columns) {
            this.truncate = columns == null ? new ArrayList<>() : new ArrayList<>(columns);
            return this;
        }

        /** Where state between runs is kept (default {@code target/automigrate}); deleting it costs only speed. */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        /** {@code declared} (default): new tables list columns as the entity declares them; {@code hibernate}: Hibernate 7's order. */
        public Builder columnOrder(String columnOrder) {
            this.columnOrder = columnOrder;
            return this;
        }

        /** Hibernate properties for building the desired schema ({@code hibernate.*}); they win over Spring Boot's. */
        public Builder hibernateProperties(Map<String, String> properties) {
            this.hibernateProperties = properties == null ? new java.util.LinkedHashMap<>()
                    : new java.util.LinkedHashMap<>(properties);
            return this;
        }

        /** Many databases: JDBC URLs, a {@code jdbc:sqlite:} one may be a glob of files (relative to the project). */
        public Builder targets(List<String> targets) {
            this.targets = targets == null ? new ArrayList<>() : new ArrayList<>(targets);
            return this;
        }

        /** PostgreSQL schemas, names or patterns ({@code tenant_*}), each a database of the run. */
        public Builder schemas(List<String> schemas) {
            this.schemas = schemas == null ? new ArrayList<>() : new ArrayList<>(schemas);
            return this;
        }

        /** SQL run on {@code url} listing the databases: a JDBC URL, or a PostgreSQL schema of {@code url}, per row. */
        public Builder targetsQuery(String query) {
            this.targetsQuery = query;
            return this;
        }

        /** How many databases are worked on at once (0, the default: the number of cores). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The most connections a run over many databases holds at once (0, the default: no cap); caps threads. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** Stop starting databases after the first one fails (default: every database is attempted). */
        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        public EngineConfig build() {
            Path classes = projectDirectory.resolve("target/classes");
            List<Path> roots = scanRoots.isEmpty() ? List.of(classes) : scanRoots;
            List<Path> cp = classpath.isEmpty() ? roots : classpath;
            String effectiveUrl = url == null || url.isBlank()
                    ? defaultUrl(projectDirectory, projectDirectory.getFileName().toString())
                    : url;
            Path root = changelogRoot != null ? changelogRoot : projectDirectory.resolve("src/main/resources");
            Path dir = changelogDirectory != null ? changelogDirectory : root.resolve("db/changelog");
            if (backupKeep < 0 || backupRetentionDays < 0) {
                throw new MigrateException(ErrorCode.CONFIGURATION,
                        "backupKeep and backupRetentionDays must be 0 (no limit) or more; got "
                                + backupKeep + " and " + backupRetentionDays
                                + ". Fix <backupKeep>/<backupRetentionDays> or -Dmigrate.backupKeep/-Dmigrate.backupRetentionDays.");
            }
            String naming = namingStrategy == null || namingStrategy.isBlank() ? null : namingStrategy.trim();
            if (naming != null && !naming.contains(".")) {
                naming = naming.toLowerCase(Locale.ROOT);
            }
            return new EngineConfig(projectDirectory, cp, roots, packages,
                    DatabaseTarget.of(effectiveUrl, username, password).resolvedAgainst(projectDirectory),
                    new ChangelogSettings(root, dir, author,
                            org.automigrate.engine.config.ChangelogFormat.parse(changelogFormat)),
                    new BackupPolicy(backupEnabled, backupDirectory, backupKeep, backupRetentionDays),
                    verify, allowDestructive, maxTablesPerRun, message, naming, ignoreTables,
                    org.automigrate.engine.diff.Renames.parse(renames).entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).toList(),
                    parseDefaults(defaults),
                    stateDirectory != null ? stateDirectory.toAbsolutePath().normalize()
                            : projectDirectory.resolve("target/automigrate"),
                    parseColumnOrder(columnOrder), parseTruncate(truncate), hibernateProperties,
                    new FleetSettings(targets, schemas, targetsQuery, threads, maxConnections, failFast));
        }
    }
}
