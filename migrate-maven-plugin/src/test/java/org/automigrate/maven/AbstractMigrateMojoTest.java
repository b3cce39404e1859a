package org.automigrate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.lenient;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import javax.inject.Inject;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.io.xpp3.SettingsXpp3Reader;
import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.config.ChangelogFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The wiring from Maven to the engine: what configuration the goals hand over. The engine itself is not
 * run here (skip aside, nothing calls {@code execute()}).
 */
@MojoTest
class AbstractMigrateMojoTest {
    @Inject
    private MavenProject project;

    @Inject
    private MavenSession session;

    private static Path basedir() {
        return Path.of(MojoExtension.getBasedir());
    }

    /** The harness's project stub has no standard resource directory; a real project has src/main/resources. */
    @BeforeEach
    void standardResources() {
        Resource resources = new Resource();
        resources.setDirectory(basedir().resolve("src/main/resources").toString());
        project.getBuild().setResources(List.of(resources));
    }

    @Test
    @InjectMojo(goal = "auto")
    void defaultsServeASqliteFileNamedAfterTheProject(AutoMojo mojo) {
        EngineConfig config = mojo.engineConfig();

        Path classes = basedir().resolve("target/classes");
        assertThat(config.projectDirectory()).isEqualTo(basedir());
        assertThat(config.database().url())
                .isEqualTo("jdbc:sqlite:" + basedir().resolve(project.getArtifactId() + ".db"));
        assertThat(config.database().username()).isNull();
        assertThat(config.database().password()).isNull();
        assertThat(config.changelog().directory()).isEqualTo(basedir().resolve("src/main/resources/db/changelog"));
        assertThat(config.changelog().root()).isEqualTo(basedir().resolve("src/main/resources"));
        assertThat(config.changelog().author()).isEqualTo("automigrate");
        assertThat(config.changelog().format()).isEqualTo(ChangelogFormat.YAML);
        assertThat(config.backup()).isEqualTo(BackupPolicy.defaults());
        assertThat(config.verify()).isTrue();
        assertThat(config.allowDestructive()).isFalse();
        assertThat(config.maxTablesPerRun()).isZero();
        assertThat(config.message()).isNull();
        assertThat(config.namingStrategy()).as("unset: detected").isNull();
        assertThat(config.naming().describe()).isEqualTo("hibernate (no Spring Boot on the classpath)");
        assertThat(config.columnOrder()).isEqualTo("declared");
        assertThat(config.packages()).isEmpty();
        assertThat(config.ignoreTables()).isEmpty();
        assertThat(config.renames()).isEmpty();
        assertThat(config.defaults()).isEmpty();
        assertThat(config.hibernateProperties()).isEmpty();
        assertThat(config.truncate()).isEmpty();
        assertThat(config.scanRoots()).containsExactly(classes);
        assertThat(config.classpath()).containsExactly(classes);
    }

    @Test
    @InjectMojo(goal = "history")
    void historyShowsTwentyRunsByDefault(HistoryMojo mojo) throws Exception {
        assertThat((int) getVariableValueFromObject(mojo, "limit")).isEqualTo(20);
    }

    @Test
    @InjectMojo(goal = "rollback")
    void rollbackCountsMigrationsAndHasNoCountUnlessGiven(RollbackMojo mojo) throws Exception {
        assertThat((Object) getVariableValueFromObject(mojo, "count")).isNull();
        assertThat((Object) getVariableValueFromObject(mojo, "changesets")).isNull();
    }

    @Test
    @InjectMojo(goal = "apply")
    void applyAppliesEveryPendingChangesetByDefault(ApplyMojo mojo) throws Exception {
        assertThat((Object) getVariableValueFromObject(mojo, "count")).isNull();
    }

    @Test
    @InjectMojo(goal = "restore")
    @MojoParameter(name = "backupFile", value = "shop.db.backup_20261123_115820")
    void restoreTakesANamedBackup(RestoreMojo mojo) throws Exception {
        assertThat((Object) getVariableValueFromObject(mojo, "backupFile")).isEqualTo("shop.db.backup_20261123_115820");
    }

    /** Every goal honours skip: none of them looks at its configuration or the engine. */
    @Test
    @InjectMojo(goal = "restore")
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "url", value = "jdbc:oracle:thin:@nowhere")
    void changingGoalsSkipToo(RestoreMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertThat(log.lines()).filteredOn(line -> !line.startsWith("debug:"))
                .containsExactly("info: Skipping: migrate.skip is set");
    }

    /** A parent whose {@code <build><plugins>} names the plugin hands it to the parent itself too. */
    @Test
    @InjectMojo(goal = "auto")
    @MojoParameter(name = "url", value = "jdbc:oracle:thin:@nowhere")
    void aPomModuleIsSkippedWithOneLine(AutoMojo mojo) throws Exception {
        String packaging = project.getPackaging();
        project.setPackaging("pom");
        try {
            RecordingLog log = new RecordingLog();
            mojo.setLog(log);
            mojo.execute(); // neither the URL nor the missing classes are looked at
            assertThat(log.lines()).filteredOn(line -> !line.startsWith("debug:"))
                    .containsExactly("info: Skipping " + project.getArtifactId() + ": a pom module has no classes of its own");
        } finally {
            project.setPackaging(packaging);
        }
    }

    @Test
    @InjectMojo(goal = "status")
    @MojoParameter(name = "changelogDirectory", value = "${project.basedir}/migrations")
    void aChangelogOutsideTheResourcesIsItsOwnRoot(StatusMojo mojo) {
        EngineConfig config = mojo.engineConfig();

        assertThat(config.changelog().directory()).isEqualTo(basedir().resolve("migrations"));
        assertThat(config.changelog().root()).isEqualTo(basedir().resolve("migrations"));
    }

    @Test
    @InjectMojo(goal = "auto")
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "url", value = "jdbc:oracle:thin:@nowhere")
    void skipLeavesBeforeAnythingIsBuilt(AutoMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        mojo.execute(); // neither the bad URL nor the engine is looked at

        assertThat(log.lines()).filteredOn(line -> !line.startsWith("debug:"))
                .containsExactly("info: Skipping: migrate.skip is set");
        // a skipped run still replaces the result of an earlier one, so no tool reads a stale auto.json
        assertThat(Files.readString(mojo.outputDirectory().resolve("auto.json")))
                .contains("\"goal\": \"auto\",\n  \"status\": \"skipped\",");
    }

    @Test
    @InjectMojo(goal = "report")
    void reportWritesIntoTheBuildDirectory(ReportMojo mojo) {
        assertThat(mojo.goal()).isEqualTo("report");
        assertThat(mojo.outputDirectory()).isEqualTo(Path.of(project.getBuild().getDirectory()).resolve("migrate"));
        assertThat(mojo.engineConfig().database().url())
                .isEqualTo("jdbc:sqlite:" + basedir().resolve(project.getArtifactId() + ".db"));
    }

    @Test
    @InjectMojo(goal = "preview")
    void previewWritesNoReportUnlessAsked(PreviewMojo mojo) throws Exception {
        assertThat(mojo.goal()).isEqualTo("preview");
        assertThat((boolean) getVariableValueFromObject(mojo, "report")).isFalse();
    }

    @Test
    @InjectMojo(goal = "preview")
    @MojoParameter(name = "report", value = "true")
    void previewWritesTheReportWhenAsked(PreviewMojo mojo) throws Exception {
        assertThat((boolean) getVariableValueFromObject(mojo, "report")).isTrue();
    }

    @Nested
    class CommandLineProperties {
        @BeforeEach
        void userProperties() {
            Properties properties = session.getUserProperties();
            properties.setProperty("migrate.url", "jdbc:postgresql://db:5432/shop");
            properties.setProperty("migrate.username", "shop");
            properties.setProperty("migrate.password", "cli-secret-pw");
            properties.setProperty("migrate.packages", "shop.model, shop.billing");
            properties.setProperty("migrate.changelogDirectory",
                    basedir().resolve("src/main/resources/db/shop").toString());
            properties.setProperty("migrate.author", "ana");
            properties.setProperty("migrate.changelogFormat", "SQL");
            properties.setProperty("migrate.backup", "false");
            properties.setProperty("migrate.backupDirectory", basedir().resolve("target/backups").toString());
            properties.setProperty("migrate.backupKeep", "2");
            properties.setProperty("migrate.backupRetentionDays", "7");
            properties.setProperty("migrate.verify", "false");
            properties.setProperty("migrate.allowDestructive", "true");
            properties.setProperty("migrate.maxTablesPerRun", "10");
            properties.setProperty("migrate.message", "add phone numbers");
            properties.setProperty("migrate.namingStrategy", "snake");
            properties.setProperty("migrate.columnOrder", "hibernate");
            properties.setProperty("migrate.ignoreTables", "legacy_*,audit_log");
            properties.setProperty("migrate.renames", "customer.fullname=display_name, client=customer");
            properties.setProperty("migrate.defaults", "customer.tier=GOLD,customer.points=0");
            properties.setProperty("migrate.truncate", "product.name, Customer.Note");
            properties.setProperty("migrate.limit", "0");
            properties.setProperty("migrate.hibernateProperties",
                    "hibernate.type.preferred_instant_jdbc_type=TIMESTAMP, hibernate.timezone.default_storage=NORMALIZE");
        }

        @Test
        @InjectMojo(goal = "preview")
        void reachTheEngineConfig(PreviewMojo mojo) {
            EngineConfig config = mojo.engineConfig();

            assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db:5432/shop");
            assertThat(config.database().username()).isEqualTo("shop");
            assertThat(config.database().password()).isEqualTo("cli-secret-pw");
            assertThat(config.packages()).containsExactly("shop.model", "shop.billing");
            assertThat(config.changelog().directory()).isEqualTo(basedir().resolve("src/main/resources/db/shop"));
            assertThat(config.changelog().root()).isEqualTo(basedir().resolve("src/main/resources"));
            assertThat(config.changelog().author()).isEqualTo("ana");
            assertThat(config.changelog().format()).isEqualTo(ChangelogFormat.SQL);
            assertThat(config.backup()).isEqualTo(new BackupPolicy(false, basedir().resolve("target/backups"), 2, 7));
            assertThat(config.verify()).isFalse();
            assertThat(config.allowDestructive()).isTrue();
            assertThat(config.maxTablesPerRun()).isEqualTo(10);
            assertThat(config.message()).isEqualTo("add phone numbers");
            assertThat(config.namingStrategy()).isEqualTo("snake");
            assertThat(config.columnOrder()).isEqualTo("hibernate");
            assertThat(config.ignoreTables()).containsExactly("legacy_*", "audit_log");
            assertThat(config.renames()).containsExactly("customer.fullname=display_name", "client=customer");
            assertThat(config.defaults()).containsEntry("customer.tier", "'GOLD'").containsEntry("customer.points", "0");
            assertThat(config.hibernateProperties()).containsExactly(
                    java.util.Map.entry("hibernate.type.preferred_instant_jdbc_type", "TIMESTAMP"),
                    java.util.Map.entry("hibernate.timezone.default_storage", "NORMALIZE"));
            assertThat(config.truncate()).containsExactly("product.name", "customer.note");
            assertThat(config.toString()).doesNotContain("cli-secret-pw");
        }

        @Test
        @InjectMojo(goal = "history")
        void limitZeroShowsAllRuns(HistoryMojo mojo) throws Exception {
            assertThat((int) getVariableValueFromObject(mojo, "limit")).isZero();
        }
    }

    /** Many databases from the command line: the fleet settings reach the engine; one-database goals refuse. */
    @Nested
    class ManyDatabases {
        private static final List<String> KEYS = List.of("migrate.targets", "migrate.schemas", "migrate.targetsQuery",
                "migrate.threads", "migrate.maxConnections", "migrate.failFast");

        @BeforeEach
        void fleetProperties() {
            Properties properties = session.getUserProperties();
            properties.setProperty("migrate.targets", "jdbc:sqlite:tenants/{a,b}.db, jdbc:postgresql://db/saas?password=pw-in-url");
            properties.setProperty("migrate.schemas", "tenant_*, vip");
            properties.setProperty("migrate.targetsQuery", "select url from tenant");
            properties.setProperty("migrate.threads", "3");
            properties.setProperty("migrate.maxConnections", "12");
            properties.setProperty("migrate.failFast", "true");
        }

        @AfterEach
        void removeProperties() {
            KEYS.forEach(session.getUserProperties()::remove);
        }

        @Test
        @InjectMojo(goal = "apply")
        void reachTheEngineConfig(ApplyMojo mojo) {
            EngineConfig config = mojo.engineConfig();

            assertThat(config.fleet().targets()).containsExactly("jdbc:sqlite:tenants/{a,b}.db",
                    "jdbc:postgresql://db/saas?password=pw-in-url");
            assertThat(config.fleet().schemas()).containsExactly("tenant_*", "vip");
            assertThat(config.fleet().targetsQuery()).isEqualTo("select url from tenant");
            assertThat(config.fleet().threads()).isEqualTo(3);
            assertThat(config.fleet().maxConnections()).isEqualTo(12);
            assertThat(config.fleet().failFast()).isTrue();
            assertThat(config.fleet().active()).isTrue();
            assertThat(config.toString()).doesNotContain("pw-in-url");
        }

        @Test
        @InjectMojo(goal = "rollback")
        void aOneDatabaseGoalRefusesAndSaysHow(RollbackMojo mojo) {
            mojo.setLog(new RecordingLog());
            assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("migrate:rollback works on one database")
                    .hasMessageContaining("-Dmigrate.url");
        }
    }

    /** {@code mvn clean} after a run: the database exists, the classes do not. */
    @Nested
    class CleanedProject {
        private Path dir;

        @BeforeEach
        void cleanedBuildAndAnExistingDatabase() throws Exception {
            dir = Files.createTempDirectory("automigrate-cleaned");
            Path db = dir.resolve("shop.db");
            try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                    var statement = connection.createStatement()) {
                statement.execute("create table note (id integer primary key)");
            }
            session.getUserProperties().setProperty("migrate.url", "jdbc:sqlite:" + db);
            project.getBuild().setDirectory(dir.resolve("target").toString());
            project.getBuild().setOutputDirectory(dir.resolve("target/classes").toString());
        }

        @AfterEach
        void removeDir() throws Exception {
            session.getUserProperties().remove("migrate.url");
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        @Test
        @InjectMojo(goal = "auto")
        void autoSaysToCompileFirst(AutoMojo mojo) throws Exception {
            mojo.setLog(new RecordingLog());
            assertThatThrownBy(mojo::execute)
                    .isInstanceOf(MojoFailureException.class)
                    .hasMessageStartingWith("No compiled classes found at ")
                    .hasMessageContaining("target/classes. Compile the project first");
        }
    }

    @Nested
    class ServerCredentials {
        private String securityBefore;

        @BeforeEach
        void settingsXml() throws Exception {
            Settings settings;
            try (InputStream in = Files.newInputStream(fixture("settings.xml"))) {
                settings = new SettingsXpp3Reader().read(in);
            }
            lenient().when(session.getSettings()).thenReturn(settings);
            securityBefore = System.getProperty("settings.security");
        }

        @AfterEach
        void restoreSecurity() {
            if (securityBefore == null) {
                System.clearProperty("settings.security");
            } else {
                System.setProperty("settings.security", securityBefore);
            }
        }

        @Test
        @InjectMojo(goal = "status")
        @MojoParameter(name = "serverId", value = "plain")
        void plainPasswordFromSettings(StatusMojo mojo) {
            EngineConfig config = mojo.engineConfig();

            assertThat(config.database().username()).isEqualTo("app");
            assertThat(config.database().password()).isEqualTo("plain-secret-pw");
            assertThat(config.toString()).doesNotContain("plain-secret-pw");
        }

        @Test
        @InjectMojo(goal = "status")
        @MojoParameter(name = "serverId", value = "encrypted")
        void encryptedPasswordIsDecryptedWithTheMasterPassword(StatusMojo mojo) throws Exception {
            System.setProperty("settings.security", fixture("settings-security.xml").toString());

            EngineConfig config = mojo.engineConfig();

            assertThat(config.database().username()).isEqualTo("enc-user");
            assertThat(config.database().password()).isEqualTo("s3cret-encrypted");
            assertThat(config.toString()).doesNotContain("s3cret-encrypted");
        }

        @Test
        @InjectMojo(goal = "status")
        @MojoParameter(name = "serverId", value = "encrypted")
        void anUndecryptablePasswordIsAConfigurationError(StatusMojo mojo) throws Exception {
            System.setProperty("settings.security",
                    basedir().resolve("target/no-such-settings-security.xml").toString());

            assertThatThrownBy(mojo::engineConfig)
                    .isInstanceOfSatisfying(MigrateException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                    .hasMessageContaining("<server> 'encrypted'")
                    .hasMessageNotContaining("{Tp4A");
        }

        @Test
        @InjectMojo(goal = "status")
        @MojoParameter(name = "serverId", value = "plain")
        @MojoParameter(name = "username", value = "admin")
        void explicitCredentialsWin(StatusMojo mojo) {
            session.getUserProperties().setProperty("migrate.password", "explicit-pw");
            try {
                EngineConfig config = mojo.engineConfig();

                assertThat(config.database().username()).isEqualTo("admin");
                assertThat(config.database().password()).isEqualTo("explicit-pw");
            } finally {
                session.getUserProperties().remove("migrate.password");
            }
        }

        @Test
        @InjectMojo(goal = "status")
        @MojoParameter(name = "serverId", value = "typo")
        void anUnknownServerFailsTheBuild(StatusMojo mojo) {
            assertThatThrownBy(mojo::execute)
                    .isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("no <server> with id 'typo'")
                    .hasMessageContaining("-Dmigrate.serverId");
        }
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(AbstractMigrateMojoTest.class.getResource("/settings/" + name).toURI());
    }
}
