package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.automigrate.engine.config.HibernateProperties;
import org.automigrate.engine.support.ModelCompiler;
import org.automigrate.engine.support.RecordingListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's Hibernate properties shape the desired schema: the {@code hibernateProperties} setting and
 * Spring Boot's {@code spring.jpa.properties.hibernate.*}, read from the files and in the order of the naming
 * detection; run-time-only properties are ignored with a note; each is reported with its source.
 */
class HibernatePropertiesTest {
    static final Map<String, String> MODEL = Map.of("props.Ticket", """
            package props;
            import jakarta.persistence.*;
            @Entity public class Ticket {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                java.util.UUID code;
                java.time.Instant issuedAt;
            }
            """);

    @TempDir
    Path dir;

    private Path classes;
    private Path resources;

    @BeforeEach
    void compile() throws Exception {
        classes = ModelCompiler.compile(MODEL, dir.resolve("target/classes"));
        resources = Files.createDirectories(dir.resolve("src/main/resources/config"));
    }

    private RecordingListener auto(UnaryOperator<EngineConfig.Builder> customize) {
        RecordingListener listener = new RecordingListener();
        EngineConfig config = customize.apply(EngineConfig.builder(dir).scanRoots(List.of(classes))
                .classpath(List.of(classes)).url("jdbc:sqlite:" + dir.resolve("tickets.db"))).build();
        new Engine(config, listener).auto();
        return listener;
    }

    private String columnType(String column) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tickets.db"));
                var rs = c.createStatement().executeQuery(
                        "select type from pragma_table_info('Ticket') where name = '" + column + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void springBootPropertiesOfApplicationYmlShapeTheSchemaAndAreReported() throws Exception {
        Files.writeString(resources.resolve("application.yml"), """
                spring:
                  jpa:
                    properties:
                      hibernate:
                        type.preferred_uuid_jdbc_type: CHAR
                        jdbc.time_zone: UTC
                """);
        Files.writeString(dir.resolve("src/main/resources/application.properties"),
                "spring.jpa.properties.hibernate.type.preferred_uuid_jdbc_type=BINARY\n");

        RecordingListener listener = auto(b -> b);

        // config/application.yml comes before application.properties, as in Spring Boot
        assertThat(listener.steps).contains("Hibernate properties: hibernate.type.preferred_uuid_jdbc_type=CHAR "
                + "(src/main/resources/config/application.yml); ignored: hibernate.jdbc.time_zone "
                + "(src/main/resources/config/application.yml: only matters at run time)");
        assertThat(columnType("code")).isEqualTo("char");
    }

    @Test
    void theSettingWinsOverSpringBootAndChangesTheFingerprint() throws Exception {
        RecordingListener plain = auto(b -> b);
        assertThat(plain.steps).noneMatch(s -> s.startsWith("Hibernate properties"));
        String defaultType = columnType("code");
        assertThat(defaultType).isNotEqualTo("char");
        assertThat(auto(b -> b).steps).anyMatch(s -> s.contains("unchanged since the last verified run"));

        Files.writeString(resources.resolve("application.yml"),
                "spring.jpa.properties.hibernate.type.preferred_uuid_jdbc_type: BINARY\n");
        RecordingListener set = auto(b -> b.hibernateProperties(Map.of("hibernate.type.preferred_uuid_jdbc_type", "CHAR")));

        assertThat(set.steps).noneMatch(s -> s.contains("unchanged since the last verified run"));
        assertThat(set.steps).contains("Hibernate properties: hibernate.type.preferred_uuid_jdbc_type=CHAR "
                + "(hibernateProperties setting)");
        assertThat(set.steps).anyMatch(s -> s.startsWith("Applied 1 changeset"));
        assertThat(columnType("code")).isEqualTo("char");
    }

    @Test
    void aKeyThatIsNoHibernatePropertyIsAConfigurationError() {
        assertThatThrownBy(() -> HibernateProperties.resolve(Map.of("type.preferred_uuid_jdbc_type", "CHAR"), dir))
                .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("'type.preferred_uuid_jdbc_type'").hasMessageContaining("hibernate.*");
    }
}
