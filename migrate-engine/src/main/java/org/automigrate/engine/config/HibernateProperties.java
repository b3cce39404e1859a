package org.automigrate.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;

/**
 * The Hibernate properties the desired schema is built with, and where each came from: the
 * {@code hibernateProperties} setting first, then the {@code spring.jpa.properties.hibernate.*} keys of the
 * Spring Boot files the naming detection reads, in the same order (the first file that sets a key wins, as in
 * Spring). Properties that only matter at run time (connections, JDBC, caching, logging, statistics) and the ones
 * the engine decides itself (dialect, naming, hbm2ddl) are left out, each with the reason.
 *
 * @param applied  the properties passed to Hibernate's bootstrap, in order
 * @param sources  where each applied or ignored property came from
 * @param ignored  the properties left out, each with the reason
 */
public record HibernateProperties(Map<String, String> applied, Map<String, String> sources,
                                  Map<String, String> ignored) {
    private static final String SPRING_PREFIX = "spring.jpa.properties.";
    private static final String SETTING = "hibernateProperties setting";

    /** Key prefixes that only matter once the application runs, or that the engine sets itself. */
    private static final Map<String, String> LEFT_OUT = leftOut();

    public HibernateProperties {
        applied = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(applied));
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        ignored = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ignored));
    }

    private static Map<String, String> leftOut() {
        Map<String, String> map = new LinkedHashMap<>();
        String runTime = "only matters at run time";
        for (String prefix : List.of("hibernate.jdbc.", "hibernate.connection.", "hibernate.cache.",
                "hibernate.show_sql", "hibernate.format_sql", "hibernate.highlight_sql", "hibernate.use_sql_comments",
                "hibernate.generate_statistics", "hibernate.order_inserts", "hibernate.order_updates",
                "hibernate.query.", "hibernate.session", "hibernate.transaction.", "hibernate.current_session_context",
                "hibernate.event.", "hibernate.enable_lazy_load_no_trans", "hibernate.default_batch_fetch_size",
                "hibernate.max_fetch_depth", "hibernate.bytecode.", "hibernate.integration.envers.")) {
            map.put(prefix, runTime);
        }
        map.put("hibernate.dialect", "the dialect follows the database the URL names");
        map.put("hibernate.hbm2ddl.", "the schema is migrated by Automigrate, not by Hibernate");
        map.put("hibernate.physical_naming_strategy", "naming is detected separately (see namingStrategy)");
        map.put("hibernate.implicit_naming_strategy", "naming is detected separately (see namingStrategy)");
        map.put("hibernate.boot.", "the engine bootstraps Hibernate without a connection");
        return map;
    }

    /** No properties: Hibernate's defaults. */
    public static HibernateProperties none() {
        return new HibernateProperties(Map.of(), Map.of(), Map.of());
    }

    /**
     * @param setting the {@code hibernateProperties} setting (it wins over the Spring Boot files)
     * @param project the project's base directory (its {@code src/main/resources} is read)
     */
    public static HibernateProperties resolve(Map<String, String> setting, Path project) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        setting.forEach((key, value) -> {
            String name = key.strip();
            if (!name.startsWith("hibernate.") && !name.startsWith("jakarta.persistence.")) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "The Hibernate property '" + name + "' in "
                        + "<hibernateProperties> / -Dmigrate.hibernateProperties is not one: write hibernate.* keys, "
                        + "e.g. -Dmigrate.hibernateProperties=hibernate.type.preferred_instant_jdbc_type=TIMESTAMP");
            }
            values.put(name, value == null ? "" : value.strip());
            sources.put(name, SETTING);
        });
        Path resources = project.resolve("src/main/resources");
        for (String name : NamingDetector.FILES) {
            Path file = resources.resolve(name);
            Optional<String> text = hibernateText(file);
            if (text.isEmpty()) {
                continue;
            }
            NamingDetector.parse(file, text.get()).forEach((key, value) -> {
                if (key.startsWith(SPRING_PREFIX + "hibernate.")) {
                    String property = key.substring(SPRING_PREFIX.length());
                    if (!values.containsKey(property)) {
                        values.put(property, value.strip());
                        sources.put(property, "src/main/resources/" + name);
                    }
                }
            });
        }
        Map<String, String> applied = new LinkedHashMap<>();
        Map<String, String> ignored = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String reason = reasonToLeaveOut(key);
            if (reason == null) {
                applied.put(key, value);
            } else {
                ignored.put(key, reason);
            }
        });
        return new HibernateProperties(applied, sources, ignored);
    }

    private static String reasonToLeaveOut(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return LEFT_OUT.entrySet().stream().filter(e -> lower.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /**
     * What {@link #resolve} depends on, without parsing: the setting and the text of each Spring Boot file that
     * mentions {@code hibernate}. For the no-op fingerprint.
     */
    public static String inputs(Map<String, String> setting, Path project) {
        StringBuilder inputs = new StringBuilder("hibernate ").append(new java.util.TreeMap<>(setting));
        Path resources = project.resolve("src/main/resources");
        for (String name : NamingDetector.FILES) {
            hibernateText(resources.resolve(name)).ifPresent(text -> inputs.append('\n').append(name).append(": ")
                    .append(text));
        }
        return inputs.toString();
    }

    /** The file's text if it may hold Hibernate properties (a file that does not mention them is not parsed). */
    private static Optional<String> hibernateText(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        boolean properties = file.getFileName().toString().endsWith(".properties");
        try {
            String text = Files.readString(file, properties ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            return text.contains("hibernate") ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "Cannot read " + file + " for the Hibernate "
                    + "properties: " + e.getMessage() + ". Fix the file's permissions.", e);
        }
    }

    /**
     * One line for the run's output, or empty when no property is set: each applied property with where it came
     * from, then the ones left out with the reason.
     */
    public Optional<String> describe() {
        if (applied.isEmpty() && ignored.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        applied.forEach((key, value) -> parts.add(key + "=" + value + " (" + sources.get(key) + ")"));
        StringBuilder line = new StringBuilder("Hibernate properties: ")
                .append(parts.isEmpty() ? "none applied" : String.join(", ", parts));
        if (!ignored.isEmpty()) {
            List<String> left = new ArrayList<>();
            ignored.forEach((key, reason) -> left.add(key + " (" + sources.get(key) + ": " + reason + ")"));
            line.append("; ignored: ").append(String.join(", ", left));
        }
        return Optional.of(line.toString());
    }
}
