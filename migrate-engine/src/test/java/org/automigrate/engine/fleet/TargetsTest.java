package org.automigrate.engine.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the databases of a run over many are found: SQLite globs relative to the project, in natural order, with
 * unique short names; the rows of a targets query; and a clear configuration error, never with a password, for
 * anything that finds nothing or cannot be read.
 */
class TargetsTest {
    @TempDir
    Path project;

    private EngineConfig config(UnaryOperator<EngineConfig.Builder> settings) {
        return settings.apply(EngineConfig.builder(project)).build();
    }

    private List<Target> resolve(UnaryOperator<EngineConfig.Builder> settings) {
        return Targets.resolve(config(settings));
    }

    private void files(String... paths) throws Exception {
        for (String path : paths) {
            Files.createDirectories(project.resolve(path).getParent());
            Files.writeString(project.resolve(path), "");
        }
    }

    @Test
    void aGlobFindsTheFilesRelativeToTheProjectInNaturalOrder() throws Exception {
        files("tenants/t10.db", "tenants/t2.db", "tenants/t1.db", "tenants/notes.txt", "tenants/t3.db-journal");
        List<Target> targets = resolve(b -> b.targets(List.of("jdbc:sqlite:tenants/t*.db")));
        assertThat(targets).extracting(Target::name).containsExactly("t1.db", "t2.db", "t10.db");
        assertThat(targets.get(0).database().sqliteFile()).isEqualTo(project.resolve("tenants/t1.db"));
        assertThat(config(b -> b.targets(List.of("jdbc:sqlite:tenants/t*.db"))).fleet().active()).isTrue();
        assertThat(config(b -> b).fleet().active()).isFalse();
    }

    @Test
    void filesOfTheSameNameInTwoDirectoriesAreNamedByTheirPathAndListedOnce() throws Exception {
        files("tenants/a/app.db", "tenants/b/app.db", "tenants/b/deep/app.db");
        List<Target> targets = resolve(b -> b.targets(List.of("jdbc:sqlite:tenants/**/app.db",
                "jdbc:sqlite:tenants/a/app.db")));
        assertThat(targets).extracting(Target::name).containsExactly("tenants/a/app.db", "tenants/b/app.db",
                "tenants/b/deep/app.db");
        // an absolute glob, and a plain path that need not exist yet (a new database)
        List<Target> absolute = resolve(b -> b.targets(List.of("jdbc:sqlite:" + project + "/tenants/a/*.db",
                "jdbc:sqlite:new/tenant.db")));
        assertThat(absolute).extracting(Target::name).containsExactly("app.db", "tenant.db");
    }

    @Test
    void aGlobThatMatchesNothingOrIsMalformedIsAConfigurationError() throws Exception {
        files("tenants/t1.db");
        assertThatThrownBy(() -> resolve(b -> b.targets(List.of("jdbc:sqlite:tenants/*.sqlite"))))
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("jdbc:sqlite:tenants/*.sqlite", "matches no file",
                            project.resolve("tenants").toString(), "<targets>");
                });
        assertThatThrownBy(() -> resolve(b -> b.targets(List.of("jdbc:sqlite:missing/*.db"))))
                .isInstanceOfSatisfying(MigrateException.class, e ->
                        assertThat(e.getMessage()).contains("the directory " + project.resolve("missing")
                                + " does not exist"));
        assertThatThrownBy(() -> resolve(b -> b.targets(List.of("jdbc:sqlite:tenants/[t-.db"))))
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("is not a valid glob", "jdbc:sqlite:tenants/*.db");
                });
    }

    @Test
    void aTargetThatIsNoSupportedUrlIsNamedWithoutItsPassword() {
        assertThatThrownBy(() -> resolve(b -> b.targets(List.of("jdbc:oracle://db:1521/x?user=a&password=hunter2"))))
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("password=****", "<targets>").doesNotContain("hunter2");
                });
        assertThat(config(b -> b.targets(List.of("jdbc:postgresql://h/db?password=hunter2"))).toString())
                .doesNotContain("hunter2");
    }

    @Test
    void theTargetsQueryListsUrlsFromTheControlDatabase() throws Exception {
        files("tenants/a.db", "tenants/b.db");
        Path control = project.resolve("control.db");
        FleetTest.execute(control, "create table tenant (url varchar(200), active int)",
                "insert into tenant values ('jdbc:sqlite:tenants/b.db', 1), ('jdbc:sqlite:tenants/a.db', 1), "
                        + "('jdbc:sqlite:tenants/old.db', 0)");
        List<Target> targets = resolve(b -> b.url("jdbc:sqlite:" + control)
                .targetsQuery("select url from tenant where active = 1 order by url desc"));
        assertThat(targets).extracting(Target::name).containsExactly("b.db", "a.db");

        assertThatThrownBy(() -> resolve(b -> b.url("jdbc:sqlite:" + control).targetsQuery("select url from tenants")))
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("The targetsQuery failed on the control database",
                            "no such table", "<targetsQuery>");
                });
        assertThatThrownBy(() -> resolve(b -> b.url("jdbc:sqlite:" + control)
                .targetsQuery("select url from tenant where active = 2")))
                .isInstanceOfSatisfying(MigrateException.class, e ->
                        assertThat(e.getMessage()).contains("the targetsQuery returned no rows"));
        assertThatThrownBy(() -> resolve(b -> b.url("jdbc:sqlite:" + control)
                .targetsQuery("select 'tenant_1'")))
                .isInstanceOfSatisfying(MigrateException.class, e ->
                        assertThat(e.getMessage()).contains("'tenant_1'", "not a JDBC URL", "PostgreSQL"));
        assertThatThrownBy(() -> resolve(b -> b.url("jdbc:sqlite:" + project.resolve("absent.db"))
                .targetsQuery("select 1")))
                .isInstanceOfSatisfying(MigrateException.class, e ->
                        assertThat(e.getMessage()).contains("does not exist", "<url>"));
    }

    @Test
    void schemasNeedAPostgreSqlDatabaseAndAPlainPattern() {
        assertThatThrownBy(() -> resolve(b -> b.schemas(List.of("tenant_*"))))
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("lists PostgreSQL schemas", "<url> is SQLite");
                });
        assertThatThrownBy(() -> resolve(b -> b.url("jdbc:postgresql://127.0.0.1:1/db")
                .schemas(List.of("tenant_*&ssl=false"))))
                .isInstanceOfSatisfying(MigrateException.class, e ->
                        assertThat(e.getMessage()).contains("'tenant_*&ssl=false'", "not a schema name or pattern"));
        assertThat(Targets.globToRegex("tenant_?1*")).isEqualTo("\\Qt\\E\\Qe\\E\\Qn\\E\\Qa\\E\\Qn\\E\\Qt\\E\\Q_\\E.\\Q1\\E.*");
    }

    @Test
    void aCommaSeparatedListKeepsAGlobsBracesWhole() {
        assertThat(Targets.split("jdbc:sqlite:t/{a,b}.db, jdbc:sqlite:c.db,,")).containsExactly("jdbc:sqlite:t/{a,b}.db",
                "jdbc:sqlite:c.db");
        assertThat(List.of("t10", "t2", "t1", "a", "t02").stream().sorted(Targets.NATURAL).toList())
                .containsExactly("a", "t1", "t02", "t2", "t10");
    }

    @Test
    void threadsDefaultToTheCoresAndAreCappedByTheConnections() {
        FleetSettings settings = new FleetSettings(List.of("x"), List.of(), null, 8, 9, false);
        assertThat(settings.effectiveThreads(100)).isEqualTo(3);
        assertThat(settings.effectiveThreads(2)).isEqualTo(2);
        assertThat(new FleetSettings(List.of("x"), List.of(), null, 0, 0, false).effectiveThreads(100))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(new FleetSettings(List.of("x"), List.of(), null, 4, 2, false).effectiveThreads(100)).isEqualTo(1);
        assertThatThrownBy(() -> config(b -> b.threads(-1)))
                .isInstanceOfSatisfying(MigrateException.class, e ->
                        assertThat(e.getMessage()).contains("-Dmigrate.threads"));
    }
}
