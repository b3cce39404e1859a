package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.automigrate.engine.support.ModelCompiler;
import org.automigrate.engine.support.RecordingListener;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The banking sample's case: {@code spring.jpa.properties.hibernate.type.preferred_instant_jdbc_type: TIMESTAMP}
 * in {@code config/application.yml} makes an {@code Instant} column {@code timestamp} on PostgreSQL, as the
 * application's own Hibernate expects, instead of {@code timestamptz}.
 */
class HibernatePropertiesIT {
    @TempDir
    Path dir;

    private String instantColumnType(Servers.Database db) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(db.url(), db.username(), db.password());
                var rs = c.createStatement().executeQuery("select data_type from information_schema.columns "
                        + "where table_schema = 'public' and table_name = 'ticket' and column_name = 'issuedat'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Each project its own directory: its own changelog. */
    private AutoResult auto(Path project, Path classes, Servers.Database db, RecordingListener listener) {
        EngineConfig config = EngineConfig.builder(project).scanRoots(List.of(classes)).classpath(List.of(classes))
                .url(db.url()).credentials(db.username(), db.password()).backupDirectory(project.resolve("backups"))
                .build();
        return new Engine(config, listener).auto();
    }

    @Test
    void preferredInstantJdbcTypeFromApplicationYmlGivesTimestamp() throws Exception {
        Path classes = ModelCompiler.compile(HibernatePropertiesTest.MODEL, dir.resolve("target/classes"));
        try (Servers.Database plain = Servers.postgres(); Servers.Database configured = Servers.postgres()) {
            assertThat(auto(dir.resolve("plain"), classes, plain, new RecordingListener()).status()).isEqualTo(RunStatus.APPLIED);
            assertThat(instantColumnType(plain)).isEqualTo("timestamp with time zone");

            Path config = Files.createDirectories(dir.resolve("configured/src/main/resources/config"));
            Files.writeString(config.resolve("application.yml"), """
                    spring:
                      jpa:
                        properties:
                          hibernate.type.preferred_instant_jdbc_type: TIMESTAMP
                          hibernate.timezone.default_storage: NORMALIZE
                          hibernate.jdbc.time_zone: UTC
                    """);
            RecordingListener listener = new RecordingListener();
            AutoResult result = auto(dir.resolve("configured"), classes, configured, listener);

            assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(result.verified()).isTrue();
            assertThat(instantColumnType(configured)).isEqualTo("timestamp without time zone");
            assertThat(listener.steps).contains("Hibernate properties: hibernate.type.preferred_instant_jdbc_type="
                    + "TIMESTAMP (src/main/resources/config/application.yml), hibernate.timezone.default_storage="
                    + "NORMALIZE (src/main/resources/config/application.yml); ignored: hibernate.jdbc.time_zone "
                    + "(src/main/resources/config/application.yml: only matters at run time)");
        }
    }
}
