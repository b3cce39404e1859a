package org.automigrate.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The naming strategy in force and why: setting, then Spring's configuration files, then Spring Boot on the classpath. */
class NamingDetectorTest {
    private static final List<Path> NO_SPRING = List.of(Path.of("target/classes"));

    @TempDir
    Path project;

    private Path resources() throws Exception {
        return Files.createDirectories(project.resolve("src/main/resources"));
    }

    private Path bootJar(String version) throws Exception {
        Path jar = project.resolve("lib/spring-boot-" + version + ".jar");
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, "");
    }

    @Test
    void withNothingItIsHibernate() {
        Naming naming = NamingDetector.detect(null, project, NO_SPRING);

        assertThat(naming.describe()).isEqualTo("hibernate (no Spring Boot on the classpath)");
        assertThat(naming.physical()).isNull();
        assertThat(naming.implicit()).isNull();
    }

    @Test
    void springBootOnTheClasspathMeansSpring() throws Exception {
        List<Path> classpath = List.of(project.resolve("target/classes"),
                project.resolve("lib/spring-boot-autoconfigure-3.5.7.jar"), bootJar("3.5.7"));

        Naming naming = NamingDetector.detect("", project, classpath);

        assertThat(naming.describe()).isEqualTo("spring (Spring Boot 3.5.7 on the classpath)");
        assertThat(naming.physical()).isEqualTo("org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        assertThat(naming.implicit()).isEqualTo("org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy");
    }

    @Test
    void onlySpringBootsOwnJarCounts() {
        List<Path> classpath = List.of(Path.of("lib/spring-boot-autoconfigure-3.5.7.jar"),
                Path.of("lib/spring-boot-starter-3.5.7.jar"));

        assertThat(NamingDetector.detect(null, project, classpath).name()).isEqualTo("hibernate");
    }

    @Test
    void theSettingWinsOverEverything() throws Exception {
        Files.writeString(resources().resolve("application.properties"),
                "spring.jpa.hibernate.naming.physical-strategy=com.acme.Other\n");
        List<Path> classpath = List.of(bootJar("3.5.7"));

        assertThat(NamingDetector.detect("hibernate", project, classpath).describe())
                .isEqualTo("hibernate (namingStrategy setting)");
        assertThat(NamingDetector.detect("Spring", project, NO_SPRING).describe())
                .isEqualTo("spring (namingStrategy setting)");
        assertThat(NamingDetector.detect("snake", project, classpath).physical())
                .isEqualTo("org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl");
        assertThat(NamingDetector.detect("com.acme.MyNaming", project, classpath).describe())
                .isEqualTo("custom: physical com.acme.MyNaming, implicit Hibernate's default (namingStrategy setting)");
    }

    @Test
    void anUnknownNameIsAConfigurationError() {
        assertThatThrownBy(() -> NamingDetector.detect("camel", project, NO_SPRING))
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("Unknown naming strategy 'camel'")
                .hasMessageContaining("hibernate, spring, snake")
                .hasMessageContaining("-Dmigrate.namingStrategy")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
    }

    @Test
    void applicationPropertiesWinOverTheClasspathAndKeepSpringsDefaultForTheOtherHalf() throws Exception {
        Files.writeString(resources().resolve("application.properties"), """
                spring.datasource.url=jdbc:sqlite:shop.db
                spring.jpa.hibernate.naming.physical-strategy=org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl
                """);

        Naming naming = NamingDetector.detect(null, project, List.of(bootJar("3.5.7")));

        assertThat(naming.physical()).as("Hibernate's standard physical strategy is its default").isNull();
        assertThat(naming.implicit()).isEqualTo(Naming.SPRING_IMPLICIT);
        assertThat(naming.describe()).isEqualTo("custom: physical Hibernate's default, implicit "
                + Naming.SPRING_IMPLICIT + " (spring.jpa.hibernate.naming.physical-strategy in "
                + "src/main/resources/application.properties)");
    }

    @Test
    void springsDefaultsWrittenOutAreSpring() throws Exception {
        Files.writeString(resources().resolve("application.properties"), """
                spring.jpa.hibernate.naming.implicitStrategy=org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy
                """);

        assertThat(NamingDetector.detect(null, project, NO_SPRING).describe()).isEqualTo(
                "spring (spring.jpa.hibernate.naming.implicit-strategy in src/main/resources/application.properties)");
    }

    @Test
    void yamlIsReadWithProfileDocumentsLeftOut() throws Exception {
        Files.writeString(resources().resolve("application.yml"), """
                spring:
                  jpa:
                    properties:
                      hibernate:
                        physical_naming_strategy: org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl
                ---
                spring:
                  config:
                    activate:
                      on-profile: legacy
                  jpa:
                    hibernate:
                      naming:
                        physical-strategy: com.acme.Legacy
                """);

        Naming naming = NamingDetector.detect(null, project, NO_SPRING);

        assertThat(naming.physical()).isEqualTo(Naming.SNAKE_PHYSICAL);
        assertThat(naming.implicit()).isEqualTo(Naming.SPRING_IMPLICIT);
        assertThat(naming.reason()).isEqualTo(
                "spring.jpa.properties.hibernate.physical_naming_strategy in src/main/resources/application.yml");
    }

    @Test
    void springJpaHibernateNamingWinsOverSpringJpaPropertiesAsInSpringBoot() throws Exception {
        Files.writeString(resources().resolve("application.properties"), """
                spring.jpa.properties.hibernate.physical_naming_strategy=com.acme.FromProperties
                spring.jpa.hibernate.naming.physical-strategy=com.acme.FromNaming
                """);

        assertThat(NamingDetector.detect(null, project, NO_SPRING).physical()).isEqualTo("com.acme.FromNaming");
    }

    @Test
    void aFileThatDoesNotMentionNamingIsNotParsed() throws Exception {
        Files.writeString(resources().resolve("application.yml"), "spring: [not, yaml, anyway\n");

        assertThat(NamingDetector.detect(null, project, NO_SPRING).name()).isEqualTo("hibernate");
    }

    @Test
    void propertiesAreReadAsLatin1LikeSpringReadsThem() throws Exception {
        Files.write(resources().resolve("application.properties"), ("# caf\u00e9\n"
                + "spring.jpa.hibernate.naming.implicit-strategy=" + Naming.SPRING_IMPLICIT + "\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(NamingDetector.detect(null, project, NO_SPRING).name()).isEqualTo("spring");
    }

    @Test
    void propertiesWinOverYamlAndConfigWinsOverBoth() throws Exception {
        Path resources = resources();
        Files.writeString(resources.resolve("application.yml"),
                "spring.jpa.hibernate.naming.physical-strategy: com.acme.Yaml\n");
        Files.writeString(resources.resolve("application.properties"),
                "spring.jpa.hibernate.naming.physical-strategy=com.acme.Properties\n");
        assertThat(NamingDetector.detect(null, project, NO_SPRING).physical()).isEqualTo("com.acme.Properties");

        Files.createDirectories(resources.resolve("config"));
        Files.writeString(resources.resolve("config/application.yaml"),
                "spring.jpa.hibernate.naming.physical-strategy: com.acme.Config\n");
        assertThat(NamingDetector.detect(null, project, NO_SPRING).physical()).isEqualTo("com.acme.Config");
    }

    @Test
    void aBrokenYamlFileIsAConfigurationErrorNamingTheFile() throws Exception {
        Files.writeString(resources().resolve("application.yml"), "spring:\n  jpa:\n    hibernate:\n      naming: [unclosed\n");

        assertThatThrownBy(() -> NamingDetector.detect(null, project, NO_SPRING))
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("application.yml")
                .hasMessageContaining("<namingStrategy>")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
    }
}
