package org.automigrate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.automigrate.engine.CheckResult;
import org.automigrate.engine.Engine;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link AbstractMigrateMojo#execute()} turns what a goal throws into Maven's two failure kinds,
 * with a goal whose engine call fails on demand and a real {@link MavenProject}.
 */
class FailureTranslationTest {
    private static final String URL_PASSWORD = "url-secret-pw";
    private static final String PASSWORD = "explicit-secret-pw";

    @TempDir
    Path basedir;

    private final RecordingLog log = new RecordingLog();

    /** A goal whose one engine call throws {@code failure}, or (with none) passes like a check of 3 changesets. */
    private static final class FailingMojo extends AbstractMigrateMojo {
        private final RuntimeException failure;

        FailingMojo(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        protected List<String> run(Engine engine) {
            if (failure != null) {
                throw failure;
            }
            recorded(new CheckResult(3, 4, Duration.ofMillis(12)));
            return List.of("Check passed");
        }
    }

    private FailingMojo mojo(RuntimeException failure) throws IllegalAccessException {
        MavenProject project = new MavenProject();
        project.setFile(basedir.resolve("pom.xml").toFile());
        project.getBuild().setOutputDirectory(basedir.resolve("target/classes").toString());

        FailingMojo mojo = new FailingMojo(failure);
        setVariableValueToObject(mojo, "project", project);
        setVariableValueToObject(mojo, "changelogDirectory",
                new File(basedir.toFile(), "src/main/resources/db/changelog"));
        setVariableValueToObject(mojo, "url", "jdbc:postgresql://db:5432/shop?user=app&password=" + URL_PASSWORD);
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("migrate.password", PASSWORD); // -Dmigrate.password
        setVariableValueToObject(mojo, "session", new org.apache.maven.execution.MavenSession(null, null,
                new org.apache.maven.execution.DefaultMavenExecutionRequest().setUserProperties(properties), null));
        mojo.setLog(log);
        return mojo;
    }

    @Test
    void aUserFixableErrorFailsTheBuildWithItsMessage() throws Exception {
        MigrateException error = new MigrateException(ErrorCode.MODEL, "Entity shop.Customer has no @Id. Add one.");

        assertThatThrownBy(mojo(error)::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Entity shop.Customer has no @Id. Add one.")
                .hasNoCause();
    }

    @Test
    void anEnvironmentErrorIsAnExecutionErrorWithItsMessage() throws Exception {
        MigrateException error = new MigrateException(ErrorCode.LOCKED, "Another run holds the lock.");

        assertThatThrownBy(mojo(error)::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Another run holds the lock.")
                .hasCause(error);
    }

    @Test
    void anyOtherExceptionIsReportedAsABugWithoutItsText() throws Exception {
        IllegalStateException bug = new IllegalStateException("index 3 out of bounds");

        assertThatThrownBy(mojo(bug)::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("bug in the plugin")
                .hasMessageNotContaining("index 3 out of bounds")
                .hasCause(bug);
    }

    @Test
    void passwordsAppearNeitherInTheLogNorInTheFailure() throws Exception {
        MigrateException error = new MigrateException(ErrorCode.UNREACHABLE,
                "Cannot connect to jdbc:postgresql://db:5432/shop?user=app&password=" + URL_PASSWORD
                        + " as app/" + PASSWORD);

        assertThatThrownBy(mojo(error)::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("Cannot connect to jdbc:postgresql://db:5432/shop?user=app&password=****")
                .hasMessageNotContaining(URL_PASSWORD)
                .hasMessageNotContaining(PASSWORD);
        assertThat(log.lines()).anyMatch(line -> line.startsWith("debug: Automigrate configuration:"));
        assertThat(String.join("\n", log.lines())).doesNotContain(URL_PASSWORD).doesNotContain(PASSWORD);
        assertThat(result()).contains("password=****").doesNotContain(URL_PASSWORD).doesNotContain(PASSWORD);
    }

    @Test
    void aFailedRunLeavesItsResultWithTheErrorCodeAndTheMessage() throws Exception {
        MigrateException error = new MigrateException(ErrorCode.MODEL, "Entity shop.Customer has no @Id.\nAdd one.");

        assertThatThrownBy(mojo(error)::execute).isInstanceOf(MojoFailureException.class);

        assertThat(result()).startsWith("{\n  \"schemaVersion\": 1,\n  \"goal\": \"failing\",\n"
                        + "  \"status\": \"failed\",\n  \"errorCode\": \"model\",\n"
                        + "  \"message\": \"Entity shop.Customer has no @Id.\\nAdd one.\",\n")
                .containsPattern("\"startedAt\": \"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\",\n"
                        + "  \"elapsedMs\": \\d+,\n  \"result\": null\n}\n$");
    }

    @Test
    void aBugLeavesAnInternalErrorResult() throws Exception {
        assertThatThrownBy(mojo(new IllegalStateException("index 3 out of bounds"))::execute)
                .isInstanceOf(MojoExecutionException.class);

        assertThat(result()).contains("\"errorCode\": \"internal\",").contains("bug in the plugin")
                .doesNotContain("index 3");
    }

    @Test
    void aRunThatEndsNormallyLeavesItsResult() throws Exception {
        FailingMojo mojo = mojo(null);

        mojo.execute();

        assertThat(result()).contains("\"status\": \"reported\",").contains("\"errorCode\": null,")
                .contains("\"result\": {\n    \"changesets\": 3,\n    \"tables\": 4,\n    \"elapsedMs\": 12\n  }");
        assertThat(log.lines()).contains("info: Check passed");
    }

    /** The JSON document the goal left in the build directory. */
    private String result() throws Exception {
        return Files.readString(basedir.resolve("target/migrate/failing.json"));
    }
}
