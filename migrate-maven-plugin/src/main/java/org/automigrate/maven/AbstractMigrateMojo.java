package org.automigrate.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.automigrate.engine.Engine;
import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.ReportResult;
import org.automigrate.engine.config.ChangelogSettings;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.fleet.FleetGoal;
import org.automigrate.engine.fleet.FleetResult;
import org.automigrate.engine.fleet.FleetRun;
import org.automigrate.engine.fleet.Target;
import org.automigrate.engine.fleet.TargetOutcome;
import org.automigrate.engine.fleet.Targets;
import org.automigrate.engine.report.JsonResults;
import org.automigrate.engine.report.MarkdownReport;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The parameters every goal shares, and the one place where a goal's configuration becomes an
 * {@link EngineConfig}, the engine's output reaches Maven's log, engine failures become Maven failures, and
 * every run, failed or not, leaves its JSON document in {@code ${project.build.directory}/migrate/<goal>.json}.
 * A goal implements {@link #run(Engine)}: one engine call, its result passed through {@link #recorded},
 * rendered as lines.
 */
public abstract class AbstractMigrateMojo extends AbstractMojo {

    /**
     * JDBC URL of the database. Defaults to a SQLite file named after the project in its base directory,
     * <code>jdbc:sqlite:${project.basedir}/${project.artifactId}.db</code>.
     */
    @Parameter(property = "migrate.url")
    private String url;

    /** Database user. Overrides the user of {@code serverId}. */
    @Parameter(property = "migrate.username")
    private String username;

    /** Id of a {@code <server>} in Maven's settings.xml that holds the database user and (encrypted) password. */
    @Parameter(property = "migrate.serverId")
    private String serverId;

    /** Only classes in these packages (and below) are models; comma separated with {@code -Dmigrate.packages}. */
    @Parameter(property = "migrate.packages")
    private List<String> packages;

    /** Where the changelog master file and generated changesets live. */
    @Parameter(property = "migrate.changelogDirectory",
            defaultValue = "${project.basedir}/src/main/resources/db/changelog")
    private File changelogDirectory;

    /**
     * Format of generated changeset files: {@code yaml} (default), {@code xml} or {@code sql} (Liquibase formatted
     * SQL). The master changelog stays YAML and includes them.
     */
    @Parameter(property = "migrate.changelogFormat", defaultValue = "yaml")
    private String changelogFormat;

    /** Author written into generated changesets. */
    @Parameter(property = "migrate.author")
    private String author;

    /** Back up the database before changing it. */
    @Parameter(property = "migrate.backup", defaultValue = "true")
    private boolean backup;

    /** Where backups go. By default a {@code backups} folder next to the database file. */
    @Parameter(property = "migrate.backupDirectory")
    private File backupDirectory;

    /** How many backups of the database to keep; older ones are deleted. 0 keeps all. */
    @Parameter(property = "migrate.backupKeep", defaultValue = "5")
    private int backupKeep;

    /** Backups older than this many days are deleted. 0 keeps them regardless of age. */
    @Parameter(property = "migrate.backupRetentionDays", defaultValue = "30")
    private int backupRetentionDays;

    /** After applying, compare the database with the model again and fail on any difference. */
    @Parameter(property = "migrate.verify", defaultValue = "true")
    private boolean verify;

    /** Allow changes that can lose data (dropping tables or columns, narrowing types). */
    @Parameter(property = "migrate.allowDestructive", defaultValue = "false")
    private boolean allowDestructive;

    /** Stop before a run that would touch more tables than this. 0 for no limit. */
    @Parameter(property = "migrate.maxTablesPerRun", defaultValue = "0")
    private int maxTablesPerRun;

    /** Description of the generated changeset; derived from the changes when not set. */
    @Parameter(property = "migrate.message")
    private String message;

    /** Skip the goal. */
    @Parameter(property = "migrate.skip", defaultValue = "false")
    private boolean skip;

    /**
     * How entity and field names become table and column names: {@code hibernate} (Hibernate's defaults),
     * {@code spring} (Spring Boot's: snake_case, join tables named owner table + property), {@code snake}
     * (snake_case), or the class name of a Hibernate {@code PhysicalNamingStrategy}. Unset, it is detected:
     * Spring Boot's naming settings in {@code src/main/resources/application.properties}/{@code .yml}, else
     * {@code spring} with Spring Boot on the classpath, else {@code hibernate}.
     */
    @Parameter(property = "migrate.namingStrategy")
    private String namingStrategy;

    /** Tables that are not the model's and are left alone: names, or {@code prefix*}; comma separated with -D. */
    @Parameter(property = "migrate.ignoreTables")
    private List<String> ignoreTables;

    /**
     * Renames to apply instead of dropping and adding: {@code table.old_column=new_column} for a column,
     * {@code old_table=new_table} for a table; comma separated with -D. The data is kept. A rename that has
     * already happened is ignored, so the setting can stay.
     */
    @Parameter(property = "migrate.renames")
    private List<String> renames;

    /**
     * One-off values for existing rows, {@code table.column=value}, comma separated with -D: fills a new NOT
     * NULL column without a default, or the NULLs of a column that becomes NOT NULL. Numbers are written as
     * numbers, anything else as text.
     */
    @Parameter(property = "migrate.defaults")
    private List<String> defaults;

    /**
     * Columns, {@code table.column}, whose values may be cut when the model narrows them (a shorter length);
     * comma separated with -D. Without it a narrowing that does not fit the data stops the run, even with
     * {@code allowDestructive}.
     */
    @Parameter(property = "migrate.truncate")
    private List<String> truncate;

    /**
     * Column order of new tables: {@code declared} (the entity's field order: key first, superclass fields
     * first, embedded fields in place) or {@code hibernate} (Hibernate 7's order: by type and size, then by name).
     */
    @Parameter(property = "migrate.columnOrder", defaultValue = "declared")
    private String columnOrder;

    /**
     * Hibernate properties for building the desired schema, as the application's Hibernate has them (e.g.
     * {@code hibernate.type.preferred_instant_jdbc_type}, {@code hibernate.timezone.default_storage}). They win over
     * Spring Boot's {@code spring.jpa.properties.hibernate.*} in {@code application.properties}/{@code .yml}, which
     * are read too. On the command line {@code -Dmigrate.hibernateProperties=key=value,key2=value2} (those win).
     * Properties that only matter at run time are ignored with a note.
     */
    @Parameter
    private java.util.Map<String, String> hibernateProperties;

    /**
     * Many databases in one run: JDBC URLs (comma separated with {@code -Dmigrate.targets}); a {@code jdbc:sqlite:}
     * entry may be a glob of files relative to the project ({@code jdbc:sqlite:tenants/*.db}). Each database is
     * migrated on its own (lock, backup, history, verification) as a single run would; the model is built once.
     * {@code auto}, {@code apply}, {@code verify}, {@code status}, {@code preview} and {@code history} run on every
     * database; the run fails if one of them failed, after attempting all. Without it, {@code url} is the database.
     */
    @Parameter(property = "migrate.targets")
    private List<String> targets;

    /**
     * PostgreSQL schemas, by name or pattern ({@code tenant_*}; comma separated with -D), each migrated as a
     * database of its own ({@code currentSchema}): of {@code url}, or of each PostgreSQL entry of {@code targets}.
     */
    @Parameter(property = "migrate.schemas")
    private List<String> schemas;

    /**
     * SQL run on {@code url} (a control database) that lists the databases: its first column a JDBC URL, or, when
     * {@code url} is PostgreSQL, a schema of that database.
     */
    @Parameter(property = "migrate.targetsQuery")
    private String targetsQuery;

    /** With {@code targets}: how many databases are worked on at once; 0 for the number of cores. */
    @Parameter(property = "migrate.threads", defaultValue = "0")
    private int threads;

    /**
     * With {@code targets}: the most connections the run may hold at once (each database's work holds up to
     * three), which caps {@code threads}; 0 for no cap.
     */
    @Parameter(property = "migrate.maxConnections", defaultValue = "0")
    private int maxConnections;

    /** With {@code targets}: start no further database after the first one fails (default: attempt every one). */
    @Parameter(property = "migrate.failFast", defaultValue = "false")
    private boolean failFast;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Component
    private SettingsDecrypter settingsDecrypter;

    /** The result of this goal's engine call, for its JSON document; set through {@link #recorded}. */
    private Object result;

    /**
     * Masks passwords in text leaving the plugin. Engine messages hold none by contract; this keeps it so even
     * for text quoting a URL. Knows the password itself once the configuration is read.
     */
    private UnaryOperator<String> scrub = DatabaseTarget::maskSecrets;

    /** Runs this goal's one engine call and renders its result as report lines. */
    protected abstract List<String> run(Engine engine);

    /**
     * This goal on every database of {@code targets}, or null for a goal that works on one database. The goals that
     * need no particular database ({@link #FIRST_TARGET}) then run on the first target; the others refuse.
     */
    protected FleetGoal fleetGoal() {
        return null;
    }

    /** After a run over many databases that did not fail as a whole (some databases may have). */
    protected void fleetDone(EngineConfig config, FleetResult result) {
    }

    /** Goals that need only the kind of database and the changelog: with {@code targets} they use the first one. */
    private static final java.util.Set<String> FIRST_TARGET = java.util.Set.of("discover", "check", "new", "diff");

    /** Keeps {@code result} for the goal's JSON document ({@code target/migrate/<goal>.json}) and returns it. */
    protected <R> R recorded(R result) {
        this.result = result;
        return result;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        Instant started = Instant.now();
        long start = System.nanoTime();
        if (skip) {
            getLog().info("Skipping: migrate.skip is set");
            writeResult(() -> JsonResults.skipped(goal(), started));
            return;
        }
        if (pomModule()) {
            getLog().info("Skipping " + project.getArtifactId() + ": a pom module has no classes of its own");
            return;
        }
        try {
            EngineConfig config = engineConfig();
            scrub = config.database()::scrub;
            logConfiguration(config);
            if (config.fleet().active() && fleetGoal() != null) {
                runFleet(config, fleetGoal(), started, start);
                return;
            }
            if (config.fleet().active()) {
                config = oneDatabaseOfFleet(config);
            }
            List<String> lines = run(new Engine(config, new MavenLogListener(getLog())));
            writeResult(() -> JsonResults.success(goal(), result, started, since(start), scrub));
            lines.forEach(getLog()::info);
        } catch (MigrateException e) {
            String message = e.getMessage() == null ? "Automigrate failed without saying why"
                    : scrub.apply(e.getMessage());
            writeResult(() -> JsonResults.failure(goal(), e.code(), message, started, since(start), scrub));
            if (e.code().userFixable()) {
                // no cause: Maven appends every cause's message to the error line, and this message is complete
                throw new MojoFailureException(message);
            }
            throw new MojoExecutionException(message, e);
        } catch (RuntimeException e) {
            String message = "Automigrate stopped on an unexpected " + e.getClass().getSimpleName()
                    + ", which is a bug in the plugin; please report it with the output of mvn -e";
            writeResult(() -> JsonResults.failure(goal(), ErrorCode.INTERNAL, message, started, since(start), scrub));
            throw new MojoExecutionException(message, e);
        }
    }

    /**
     * Runs {@code goal} on every database of the fleet; writes the JSON result with every database's outcome, and
     * fails the build when one failed.
     */
    private void runFleet(EngineConfig config, FleetGoal goal, Instant started, long start)
            throws MojoExecutionException, MojoFailureException {
        FleetResult result = new FleetRun(config, new MavenLogListener(getLog())).run(goal);
        fleetDone(config, result);
        if (result.failed() == 0 && result.notStarted() == 0) {
            writeResult(() -> JsonResults.outcome(goal(), result.status(), null, null, started, since(start), result,
                    scrub));
            return;
        }
        List<TargetOutcome> failed = result.targets().stream().filter(TargetOutcome::failed).toList();
        ErrorCode code = failed.isEmpty() ? ErrorCode.CONFIGURATION : failed.get(0).errorCode();
        String message = scrub.apply(result.failed() + " of " + result.targets().size() + " databases failed"
                + (result.failedTargets().isEmpty() ? "" : ": " + String.join(", ", result.failedTargets()))
                + (result.notStarted() > 0 ? "; " + result.notStarted() + " not started (failFast)" : "")
                + ". Each failed database is left as a single run leaves it; the others are unaffected. See the "
                + "summary above and " + outputDirectory().resolve(goal() + ".json") + ".");
        writeResult(() -> JsonResults.outcome(goal(), result.status(), code, message, started, since(start), result,
                scrub));
        if (failed.stream().allMatch(o -> o.errorCode() == null || o.errorCode().userFixable())) {
            throw new MojoFailureException(message);
        }
        throw new MojoExecutionException(message);
    }

    /**
     * With {@code targets}, a goal that works on one database: those that need only the kind of database and the
     * changelog take the first target; the others refuse, naming the way to run them.
     */
    private EngineConfig oneDatabaseOfFleet(EngineConfig config) {
        if (!FIRST_TARGET.contains(goal())) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "migrate:" + goal() + " works on one database, and "
                    + "this project lists many (<targets>, <schemas> or <targetsQuery>). Run it without them, naming the "
                    + "database in -Dmigrate.url (keep the list in a Maven profile or execution so that it can be left "
                    + "out). auto, apply, verify, status, preview and history run on every database.");
        }
        Target first = Targets.resolve(config).get(0);
        getLog().info("migrate:" + goal() + " needs one database of the kind: using the first target, " + first);
        return config.forTarget(first.database());
    }

    /**
     * One engine call outside {@link #execute()}, as {@code mvn site} makes a report's: the same configuration and
     * log. Failures come as {@link MigrateException}s; pass their text through {@link #scrubbed}.
     */
    /** Under -X only: the record's toString costs a noticeable part of a no-op run when built for nothing. */
    private void logConfiguration(EngineConfig config) {
        if (getLog().isDebugEnabled()) {
            getLog().debug("Automigrate configuration: " + config);
        }
    }

    protected <R> R callEngine(Function<Engine, R> call) {
        EngineConfig config = engineConfig();
        if (config.fleet().active()) {
            config = oneDatabaseOfFleet(config);
        }
        scrub = config.database()::scrub;
        logConfiguration(config);
        return call.apply(new Engine(config, new MavenLogListener(getLog())));
    }

    /** The text with passwords masked, as every message leaving the plugin. */
    protected String scrubbed(String text) {
        return scrub.apply(text);
    }

    /**
     * The project is {@code pom}-packaged: a parent or aggregator whose {@code <build><plugins>} hands the plugin
     * to its modules. It has no model of its own, so every goal skips it (and writes no result into it).
     */
    protected boolean pomModule() {
        return "pom".equals(project.getPackaging());
    }

    /** {@code skip} ({@code -Dmigrate.skip}) is set. */
    protected boolean skipped() {
        return skip;
    }

    /** The goal's name, from the class: {@code PreviewMojo} runs {@code preview}. */
    String goal() {
        String name = getClass().getSimpleName().replaceFirst("Mojo$", "");
        return name.isEmpty() ? "unknown" : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** {@code ${project.build.directory}/migrate}: the goals' JSON results and the Markdown report. */
    Path outputDirectory() {
        return buildDirectory(project.getBasedir().toPath()).resolve("migrate");
    }

    /** Writes the Markdown report of {@code report} to {@code target/migrate/schema.md}; returns the file. */
    protected Path writeReport(ReportResult report) {
        Path file = outputDirectory().resolve("schema.md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, scrub.apply(MarkdownReport.render(report)));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot write the report " + file + ": " + e.getMessage()
                    + ". Check that the build directory is writable.", e);
        }
        return file;
    }

    /**
     * Writes the goal's JSON document. A result that cannot be written is a warning, not a failure: the goal's
     * own outcome (a migrated database, or the failure being reported) stands.
     */
    private void writeResult(Supplier<String> json) {
        Path file = outputDirectory().resolve(goal() + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json.get());
            getLog().debug("Result: " + file);
        } catch (IOException | RuntimeException e) {
            getLog().warn("Cannot write the result file " + file + " (" + e.getMessage() + "); tools reading it "
                    + "will not see this run. Check that the build directory is writable.");
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    EngineConfig engineConfig() {
        Path basedir = project.getBasedir().toPath();
        Path changelog = changelogDirectory.toPath().toAbsolutePath().normalize();
        Credentials credentials = credentials();
        return EngineConfig.builder(basedir)
                .classpath(runtimeClasspath())
                .scanRoots(List.of(Path.of(project.getBuild().getOutputDirectory())))
                .packages(listValue(packages))
                .url(url == null || url.isBlank() ? EngineConfig.defaultUrl(basedir, project.getArtifactId()) : url)
                .credentials(credentials.username(), credentials.password())
                .changelogRoot(changelogRoot(basedir, changelog))
                .changelogDirectory(changelog)
                .author(author)
                .changelogFormat(changelogFormat)
                .backup(backup)
                .backupDirectory(backupDirectory == null ? null : backupDirectory.toPath())
                .backupKeep(backupKeep)
                .backupRetentionDays(backupRetentionDays)
                .verify(verify)
                .allowDestructive(allowDestructive)
                .maxTablesPerRun(maxTablesPerRun)
                .message(message)
                .namingStrategy(namingStrategy)
                .ignoreTables(listValue(ignoreTables))
                .stateDirectory(buildDirectory(basedir).resolve("automigrate"))
                .renames(listValue(renames))
                .defaults(listValue(defaults))
                .truncate(listValue(truncate))
                .columnOrder(columnOrder)
                .hibernateProperties(hibernateProperties())
                .targets(targets == null ? List.of() : Targets.split(String.join(",", targets)))
                .schemas(listValue(schemas))
                .targetsQuery(targetsQuery)
                .threads(threads)
                .maxConnections(maxConnections)
                .failFast(failFast)
                .build();
    }

    private List<Path> runtimeClasspath() {
        try {
            return project.getRuntimeClasspathElements().stream().map(Path::of).toList();
        } catch (DependencyResolutionRequiredException e) {
            // every goal declares requiresDependencyResolution, so Maven has resolved them before we run
            throw new IllegalStateException("runtime dependencies were not resolved", e);
        }
    }

    private Path buildDirectory(Path basedir) {
        String directory = project.getBuild().getDirectory();
        return directory == null ? basedir.resolve("target") : Path.of(directory);
    }

    /** Liquibase records changelog paths relative to this root: the resource directory holding the changelog. */
    private Path changelogRoot(Path basedir, Path changelog) {
        return project.getResources().stream()
                .map(Resource::getDirectory)
                .map(directory -> basedir.resolve(directory).normalize())
                .filter(changelog::startsWith)
                .findFirst()
                .orElse(changelog);
    }

    /**
     * Maven copied the resources to the output directory before this goal ran (process-resources comes
     * before process-classes): copy the changelog files a goal wrote too, so that this build's jar
     * carries the changelog its database was migrated with.
     */
    protected void copyToOutput(ChangelogSettings changelog, Path... written) {
        Path root = changelog.root();
        boolean isResourceDirectory = project.getResources().stream()
                .map(resource -> project.getBasedir().toPath().resolve(resource.getDirectory()).normalize())
                .anyMatch(root::equals);
        if (!isResourceDirectory) {
            return;
        }
        Path output = Path.of(project.getBuild().getOutputDirectory());
        for (Path file : written) {
            Path target = output.resolve(root.relativize(file.toAbsolutePath().normalize()));
            try {
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.IO, "The database was migrated, but the changelog " + file
                        + " could not be copied to " + target + " for this build's jar: " + e.getMessage()
                        + ". Run the build again (the database is up to date; resources are copied normally).", e);
            }
        }
    }

    /** {@code <hibernateProperties>}, then {@code -Dmigrate.hibernateProperties=k=v,k2=v2} over it. */
    private java.util.Map<String, String> hibernateProperties() {
        java.util.Map<String, String> result = new java.util.LinkedHashMap<>();
        if (hibernateProperties != null) {
            hibernateProperties.forEach((key, value) -> result.put(key, value == null ? "" : value));
        }
        String cli = session == null ? null : session.getUserProperties().getProperty("migrate.hibernateProperties");
        for (String entry : listValue(cli == null ? null : List.of(cli))) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "The Hibernate property '" + entry + "' in "
                        + "-Dmigrate.hibernateProperties has no value: write key=value pairs, comma separated, e.g. "
                        + "-Dmigrate.hibernateProperties=hibernate.type.preferred_instant_jdbc_type=TIMESTAMP");
            }
            result.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return result;
    }

    /** Values given with -D arrive as one comma-separated string. */
    private static List<String> listValue(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .toList();
    }

    /** The user or system property that gives the password ({@code -Dmigrate.password}). */
    static final String PASSWORD_PROPERTY = "migrate.password";

    /**
     * The password is no {@code @Parameter}: Maven's debug output ({@code -X}) prints every parameter's value
     * ({@code (f) password = ...}). It is read here instead: {@code -Dmigrate.password} (user, then system
     * properties), else a {@code <password>} in the plugin's configuration in the POM (this execution's, else the
     * plugin's), which Maven does not print once it is no parameter.
     */
    private String password() {
        String value = session == null ? null : session.getUserProperties().getProperty(PASSWORD_PROPERTY);
        if (value == null && session != null) {
            value = session.getSystemProperties().getProperty(PASSWORD_PROPERTY);
        }
        return value != null ? blankToNull(value) : blankToNull(pomPassword());
    }

    private String pomPassword() {
        if (mojoExecution == null) {
            return null;
        }
        Plugin plugin = project.getPlugin(mojoExecution.getGroupId() + ":" + mojoExecution.getArtifactId());
        if (plugin == null) {
            return null;
        }
        PluginExecution execution = plugin.getExecutionsAsMap().get(mojoExecution.getExecutionId());
        String value = execution == null ? null : child(execution.getConfiguration(), "password");
        return value != null ? value : child(plugin.getConfiguration(), "password");
    }

    private static String child(Object configuration, String name) {
        Xpp3Dom child = configuration instanceof Xpp3Dom dom ? dom.getChild(name) : null;
        return child == null ? null : child.getValue();
    }

    /** The environment variables that give credentials when neither the configuration nor {@code serverId} does. */
    static final String USERNAME_VARIABLE = "MIGRATE_USERNAME";
    static final String PASSWORD_VARIABLE = "MIGRATE_PASSWORD";

    /**
     * Explicit username and password win over the {@code <server>} named by {@code serverId}, which wins over
     * the environment variables {@code MIGRATE_USERNAME} and {@code MIGRATE_PASSWORD}.
     */
    private Credentials credentials() {
        Credentials configured = configuredCredentials();
        return new Credentials(configured.username() != null ? configured.username() : blankToNull(System.getenv(USERNAME_VARIABLE)),
                configured.password() != null ? configured.password() : blankToNull(System.getenv(PASSWORD_VARIABLE)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private Credentials configuredCredentials() {
        String password = password();
        if (serverId == null || serverId.isBlank()) {
            return new Credentials(username, password);
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "There is no <server> with id '" + serverId
                    + "' in Maven's settings.xml. Add one with the database <username> and <password>, "
                    + "or fix <serverId> / -Dmigrate.serverId.");
        }
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        List<String> problems = result.getProblems().stream()
                .filter(problem -> problem.getSeverity() != SettingsProblem.Severity.WARNING)
                .map(SettingsProblem::getMessage)
                .toList();
        if (!problems.isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The password of <server> '" + serverId
                    + "' in settings.xml cannot be decrypted: " + String.join("; ", problems)
                    + ". Check the master password in ~/.m2/settings-security.xml (see mvn --encrypt-password).");
        }
        Server decrypted = result.getServer();
        return new Credentials(username != null ? username : decrypted.getUsername(),
                password != null ? password : decrypted.getPassword());
    }

    private record Credentials(String username, String password) {
        /** A record would print the password. */
        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }
}
