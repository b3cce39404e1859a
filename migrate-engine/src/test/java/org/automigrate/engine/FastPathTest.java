package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.automigrate.engine.config.Naming;
import org.automigrate.engine.support.ModelCompiler;
import org.automigrate.engine.support.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unchanged auto skips the model bootstrap and the diff; each real change (a model class, an enum, a
 * changeset, a table altered by hand, a setting) brings back the full comparison.
 */
class FastPathTest {
    private static final String FAST = "unchanged since the last verified run";
    private static final String FULL = "Discovered ";

    @TempDir
    Path dir;

    private Path classes;
    private Path db;

    private static Map<String, String> model(String noteColumn, String enumConstants, String helperBody) {
        return Map.of(
                "fast.Note", """
                        package fast;
                        import jakarta.persistence.*;
                        @Entity public class Note {
                            @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                            @Column(nullable = false, length = 200) String text;
                            %s
                            @Enumerated(EnumType.STRING) Mood mood;
                        }
                        """.formatted(noteColumn),
                "fast.Mood", "package fast; public enum Mood { " + enumConstants + " }",
                "fast.Helper", "package fast; public class Helper { " + helperBody + " }");
    }

    private void compile(Map<String, String> sources, String version) throws Exception {
        Path fresh = ModelCompiler.compile(sources, dir.resolve("build-" + version));
        if (Files.exists(classes)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> walk = Files.walk(fresh)) {
            for (Path source : walk.toList()) {
                Path target = classes.resolve(fresh.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private RecordingListener auto() {
        return auto(c -> c);
    }

    private RecordingListener auto(java.util.function.UnaryOperator<EngineConfig.Builder> customize) {
        RecordingListener listener = new RecordingListener();
        EngineConfig config = customize.apply(EngineConfig.builder(dir).scanRoots(List.of(classes))
                .classpath(List.of(classes)).url("jdbc:sqlite:" + db)).build();
        new Engine(config, listener).auto();
        return listener;
    }

    private static boolean fast(RecordingListener listener) {
        return listener.steps.stream().anyMatch(s -> s.contains(FAST));
    }

    private static boolean full(RecordingListener listener) {
        return listener.steps.stream().anyMatch(s -> s.startsWith(FULL));
    }

    @Test
    void anUnchangedRunIsFastAndEveryRealChangeIsNoticed() throws Exception {
        classes = dir.resolve("classes");
        db = dir.resolve("notes.db");
        compile(model("", "HAPPY, SAD", ""), "1");

        assertThat(full(auto())).isTrue();               // creates and verifies the schema, stores the fingerprint
        RecordingListener quick = auto();
        assertThat(fast(quick)).isTrue();
        assertThat(full(quick)).isFalse();

        compile(model("", "HAPPY, SAD", "int unrelated() { return 1; }"), "2");
        assertThat(fast(auto())).as("a class that is not the model's changes nothing").isTrue();

        compile(model("String title;", "HAPPY, SAD", ""), "3");
        RecordingListener changed = auto();
        assertThat(full(changed)).as("an entity changed").isTrue();
        assertThat(changed.steps).anyMatch(s -> s.startsWith("Applied 1 changeset"));
        assertThat(fast(auto())).isTrue();

        compile(model("String title;", "HAPPY, SAD, BORED", ""), "4");
        assertThat(full(auto())).as("an enum constant added (a CHECK constraint)").isTrue();
        assertThat(fast(auto())).isTrue();

        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var st = c.createStatement()) {
            st.execute("create index idx_by_hand on Note (text)");
        }
        RecordingListener altered = auto();
        assertThat(full(altered)).as("a table altered by hand").isTrue();
        assertThat(altered.steps).anyMatch(s -> s.startsWith("Applied 1 changeset")); // the hand-made index is dropped
        assertThat(fast(auto())).isTrue();

        Path changes = dir.resolve("src/main/resources/db/changelog/changes");
        try (Stream<Path> files = Files.list(changes)) {
            Path first = files.sorted().findFirst().orElseThrow();
            Files.writeString(first, Files.readString(first) + "\n# a comment\n");
        }
        assertThat(full(auto())).as("a changelog file changed").isTrue();
        assertThat(fast(auto())).isTrue();

        assertThat(full(auto(c -> c.ignoreTables(List.of("legacy_*"))))).as("a setting changed").isTrue();
        assertThat(full(auto())).as("the setting changed back").isTrue();
        assertThat(fast(auto())).isTrue();

        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"), "spring.application.name=notes\n");
        assertThat(fast(auto())).as("a Spring configuration without naming settings changes nothing").isTrue();
        Files.writeString(resources.resolve("application.properties"),
                "spring.jpa.hibernate.naming.physical-strategy=" + Naming.SPRING_PHYSICAL + "\n");
        RecordingListener renamed = auto();
        assertThat(full(renamed)).as("a naming setting in application.properties").isTrue();
        assertThat(renamed.steps).anyMatch(s -> s.contains("naming spring (spring.jpa.hibernate.naming.physical-strategy"));
        assertThat(fast(auto())).isTrue();
    }

    @Test
    void aCleanedBuildAfterAVerifiedRunSaysToCompileFirst() throws Exception {
        classes = dir.resolve("classes");
        db = dir.resolve("notes.db");
        compile(model("", "HAPPY, SAD", ""), "1");
        assertThat(full(auto())).isTrue(); // stores the fingerprint
        long before = Files.size(db);
        String checksum = org.automigrate.engine.support.DbChecksum.of(db);
        try (Stream<Path> walk = Files.walk(classes)) { // mvn clean
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        assertThatThrownBy(this::auto).isInstanceOfSatisfying(MigrateException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(e.getMessage()).startsWith("No compiled classes found at ").contains("Compile the project first");
        });
        assertThat(Files.size(db)).isEqualTo(before);
        assertThat(org.automigrate.engine.support.DbChecksum.of(db)).isEqualTo(checksum);
    }
}
