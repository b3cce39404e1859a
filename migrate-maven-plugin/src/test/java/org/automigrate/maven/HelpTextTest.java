package org.automigrate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What {@code mvn migrate:help} prints comes from the generated help descriptor. */
class HelpTextTest {
    private static String help() throws Exception {
        try (InputStream in = HelpTextTest.class.getResourceAsStream(
                "/META-INF/maven/org.automigrate/migrate-maven-plugin/plugin-help.xml")) {
            assertThat(in).as("the generated help descriptor").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void thePluginSaysWhatItDoesAndTheUrlDefaultIsWhole() throws Exception {
        String help = help();
        assertThat(help).contains("Entity-driven database migrations").doesNotContain("Thin mojos");
        assertThat(help).contains("jdbc:sqlite:${project.basedir}/${project.artifactId}.db")
                .doesNotContain("${project.basedir/");
    }
}
