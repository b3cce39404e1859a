package org.automigrate.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
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
import org.automigrate.engine.config.ChangelogSettings;
import org.automigrate.engine.config.DatabaseTarget;

/**
 * The parameters every goal shares, and the one place where a goal's configuration becomes an
 * {@link EngineConfig}, the engine's output reaches Maven's log, and engine failures become Maven failures.
 * A goal implements {@link #run(Engine)}: one engine call, rendered as lines.
 */
public abstract class AbstractMigrateMojo extends AbstractMojo {

    /**
     * JDBC URL of the database. Defaults to a SQLite file named after the project in its base directory,
     * {@code jdbc:sqlite:${project.basedir}/${project.artifactId}.db}.
     */
    @Parameter(property = "migrate.url")
    private String url;

    /** Database user. Overrides the user of {@code serverId}. */
    @Parameter(property = "migrate.username")
    private String username;

    /** Database password. Overrides the password of {@code serverId}; prefer {@code serverId}. */
    @Parameter(property = "migrate.password")
    private String password;

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
     * {@code snake} (snake_case, as Spring Boot does), or the class name of a Hibernate
     * {@code PhysicalNamingStrategy}.
     */
    @Parameter(property = "migrate.namingStrategy", defaultValue = "hibernate")
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
     * Column order of new tables: {@code declared} (the entity's field order: key first, superclass fields
     * first, embedded fields in place) or {@code hibernate} (Hibernate 7's order: by type and size, then by name).
     */
    @Parameter(property = "migrate.columnOrder", defaultValue = "declared")
    private String columnOrder;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter settingsDecrypter;

    /** Runs this goal's one engine call and renders its result as report lines. */
    protected abstract List<String> run(Engine engine);

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping: migrate.skip is set");
            return;
        }
        EngineConfig config = null;
        try {
            config = engineConfig();
            getLog().debug("Automigrate configuration: " + config);
            run(new Engine(config, new MavenLogListener(getLog()))).forEach(getLog()::info);
        } catch (MigrateException e) {
            if (e.code().userFixable()) {
                // no cause: Maven appends every cause's message to the error line, and this message is complete
                throw new MojoFailureException(scrubbed(e.getMessage(), config));
            }
            throw new MojoExecutionException(scrubbed(e.getMessage(), config), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Automigrate stopped on an unexpected " + e.getClass().getSimpleName()
                    + ", which is a bug in the plugin; please report it with the output of mvn -e", e);
        }
    }

    /** Engine messages hold no password by contract; this keeps it so even for a message quoting a URL. */
    private static String scrubbed(String text, EngineConfig config) {
        if (text == null) {
            return "Automigrate failed without saying why";
        }
        return config == null ? DatabaseTarget.maskSecrets(text) : config.database().scrub(text);
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
                .columnOrder(columnOrder)
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

    /** Explicit username and password win over the {@code <server>} named by {@code serverId}. */
    private Credentials credentials() {
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
