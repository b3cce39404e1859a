package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.automigrate.engine.support.CompiledModelValidate;
import org.automigrate.engine.support.ModelCompiler;
import org.automigrate.engine.support.RecordingListener;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;

/**
 * A Spring Boot-style model migrated with the detected {@code spring} naming gets exactly the schema that
 * Spring Boot's own naming classes expect: Hibernate's validate, configured with them, accepts it, and the
 * tables and columns are the ones Hibernate's metadata under Spring's classes lists.
 */
class SpringNamingTest {
    /** What Spring Boot 3 configures: Hibernate's CamelCaseToUnderscores and Spring's own implicit strategy. */
    private static final Map<String, String> SPRING_BOOT = Map.of(
            "hibernate.physical_naming_strategy", CamelCaseToUnderscoresNamingStrategy.class.getName(),
            "hibernate.implicit_naming_strategy", SpringImplicitNamingStrategy.class.getName());
    private static final Set<String> BOOKKEEPING = Set.of("databasechangelog", "databasechangeloglock",
            "automigrate_history");

    @TempDir
    Path dir;

    private Path classes;
    private Path db;

    @BeforeEach
    void compileModel() {
        classes = ModelCompiler.compile(Map.of(
                "campus.Student", """
                        package campus;
                        import jakarta.persistence.*;
                        import java.util.*;
                        @Entity public class Student {
                            @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                            @Column(nullable = false, length = 80) String firstName;
                            String lastName;
                            @Embedded HomeAddress homeAddress;
                            @Enumerated(EnumType.STRING) StudyLevel studyLevel;
                            @ManyToMany Set<Course> enrolledCourses = new HashSet<>();
                            @ManyToOne Course favouriteCourse;
                        }
                        """,
                "campus.HomeAddress", """
                        package campus;
                        import jakarta.persistence.*;
                        @Embeddable public class HomeAddress { String streetName; String postCode; String line2Text; }
                        """,
                "campus.Course", """
                        package campus;
                        import jakarta.persistence.*;
                        @Entity public class Course {
                            @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                            String courseTitle;
                            int creditPoints;
                        }
                        """,
                "campus.StudyLevel", "package campus; public enum StudyLevel { UNDERGRADUATE, GRADUATE }"),
                dir.resolve("classes"));
        db = dir.resolve("campus.db");
    }

    private static Path springBootJar() throws Exception {
        return Path.of(SpringImplicitNamingStrategy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private Engine engine(List<Path> classpath, RecordingListener listener) {
        return new Engine(EngineConfig.builder(dir).scanRoots(List.of(classes)).classpath(classpath)
                .url("jdbc:sqlite:" + db).build(), listener);
    }

    private Map<String, Set<String>> tablesInDatabase() throws Exception {
        Map<String, Set<String>> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select name from sqlite_master where type = 'table'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                if (BOOKKEEPING.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith("sqlite_")) {
                    continue;
                }
                Set<String> columns = new TreeSet<>();
                try (ResultSet rs = st.executeQuery("pragma table_info('" + name + "')")) {
                    while (rs.next()) {
                        columns.add(rs.getString("name"));
                    }
                }
                tables.put(name, columns);
            }
        }
        return tables;
    }

    @Test
    void springBootOnTheClasspathGivesTheSchemaSpringBootsNamingClassesExpect() throws Exception {
        RecordingListener listener = new RecordingListener();
        Engine engine = engine(List.of(classes, springBootJar()), listener);

        DiscoverResult discovered = engine.discover();
        assertThat(discovered.naming().describe()).matches("spring \\(Spring Boot 3\\.\\d+\\.\\d+ on the classpath\\)");
        engine.auto();

        assertThat(listener.steps).anyMatch(s -> s.startsWith("Discovered 2 entities")
                && s.contains("naming spring (Spring Boot 3."));
        Map<String, Set<String>> actual = tablesInDatabase();
        assertThat(actual).isEqualTo(CompiledModelValidate.expectedTables(db, classes, SPRING_BOOT));
        assertThat(actual).containsEntry("student", Set.of("id", "first_name", "last_name", "street_name",
                        "post_code", "line2_text", "study_level", "favourite_course_id"))
                .containsEntry("course", Set.of("id", "course_title", "credit_points"))
                .containsEntry("student_enrolled_courses", Set.of("student_id", "enrolled_courses_id"));
        CompiledModelValidate.validate(db, classes, SPRING_BOOT);
        assertThatThrownBy(() -> CompiledModelValidate.validate(db, classes))
                .as("Hibernate's defaults expect other names: the check can fail")
                .hasMessageContaining("Schema validation: missing");
    }

    @Test
    void aNamingSettingInApplicationPropertiesIsHonoured() throws Exception {
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"), """
                spring.jpa.hibernate.naming.physical-strategy=org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl
                """);
        RecordingListener listener = new RecordingListener();

        engine(List.of(classes), listener).auto();

        Map<String, String> legacySpring = Map.of(
                "hibernate.physical_naming_strategy", PhysicalNamingStrategyStandardImpl.class.getName(),
                "hibernate.implicit_naming_strategy", SpringImplicitNamingStrategy.class.getName());
        assertThat(tablesInDatabase()).isEqualTo(CompiledModelValidate.expectedTables(db, classes, legacySpring))
                .containsKey("Student_enrolledCourses");
        CompiledModelValidate.validate(db, classes, legacySpring);
        assertThat(listener.steps).anyMatch(s -> s.contains("(spring.jpa.hibernate.naming.physical-strategy in "
                + "src/main/resources/application.properties)"));
    }

    @Test
    void springsClassesOfBoot2And4AreKnownByNameWithoutSpringOnTheClasspath() throws Exception {
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.yml"), """
                spring:
                  jpa:
                    hibernate:
                      naming:
                        physical-strategy: org.springframework.boot.orm.jpa.hibernate.SpringPhysicalNamingStrategy
                        implicit-strategy: org.springframework.boot.hibernate.SpringImplicitNamingStrategy
                """);

        DiscoverResult result = engine(List.of(classes), new RecordingListener()).discover();

        assertThat(result.tables()).containsExactly("course", "student", "student_enrolled_courses");
    }

    @Test
    void anUnknownNamingClassInApplicationPropertiesStopsWithTheFileAndTheFix() throws Exception {
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"),
                "spring.jpa.hibernate.naming.physical-strategy=com.acme.NoSuchNaming\n");

        assertThatThrownBy(() -> engine(List.of(classes), new RecordingListener()).discover())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("com.acme.NoSuchNaming")
                .hasMessageContaining("src/main/resources/application.properties")
                .hasMessageContaining("-Dmigrate.namingStrategy")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(db).doesNotExist();
    }
}
