package org.automigrate.engine.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Decides the naming strategy of a run, first match wins: the {@code namingStrategy} setting; the
 * Spring Boot naming settings in {@code application.properties}/{@code .yml} under
 * {@code src/main/resources}; Spring Boot on the project's classpath ({@code spring}); Hibernate's
 * defaults. The result says which rule decided.
 */
public final class NamingDetector {
    /** Spring Boot's own keys; its {@code spring.jpa.hibernate.naming.*} win over {@code spring.jpa.properties.*}. */
    static final String PHYSICAL_KEY = "spring.jpa.hibernate.naming.physical-strategy";
    static final String IMPLICIT_KEY = "spring.jpa.hibernate.naming.implicit-strategy";
    static final String PHYSICAL_PROPERTY = "spring.jpa.properties.hibernate.physical_naming_strategy";
    static final String IMPLICIT_PROPERTY = "spring.jpa.properties.hibernate.implicit_naming_strategy";

    /** Spring Boot's configuration files in {@code src/main/resources}, the one Spring reads with priority first. */
    static final List<String> FILES = List.of("config/application.properties", "config/application.yml",
            "config/application.yaml", "application.properties", "application.yml", "application.yaml");
    private static final Pattern SPRING_BOOT_JAR = Pattern.compile("spring-boot-(\\d[\\w.\\-]*)\\.jar");

    private NamingDetector() {
    }

    /**
     * @param setting   the {@code namingStrategy} setting; {@code null} or blank to detect
     * @param project   the project's base directory (its {@code src/main/resources} is read)
     * @param classpath the project's runtime classpath
     */
    public static Naming detect(String setting, Path project, List<Path> classpath) {
        if (setting != null && !setting.isBlank()) {
            return explicit(setting.strip());
        }
        Path resources = project.resolve("src/main/resources");
        Optional<Naming> configured = fromSpringConfiguration(project, resources);
        if (configured.isPresent()) {
            return configured.get();
        }
        Optional<String> boot = springBootVersion(classpath);
        if (boot.isPresent()) {
            return Naming.of(Naming.SPRING_PHYSICAL, Naming.SPRING_IMPLICIT,
                    "Spring Boot " + boot.get() + " on the classpath");
        }
        return Naming.of(null, null, "no Spring Boot on the classpath");
    }

    private static Naming explicit(String setting) {
        String reason = "namingStrategy setting";
        switch (setting.toLowerCase(Locale.ROOT)) {
            case "hibernate":
                return Naming.of(null, null, reason);
            case "spring":
                return Naming.of(Naming.SPRING_PHYSICAL, Naming.SPRING_IMPLICIT, reason);
            case "snake":
                return Naming.of(Naming.SNAKE_PHYSICAL, null, reason);
            default:
                if (!setting.contains(".")) {
                    throw new MigrateException(ErrorCode.CONFIGURATION, "Unknown naming strategy '" + setting
                            + "': use hibernate, spring, snake, or the class name of a PhysicalNamingStrategy on the "
                            + "project's classpath (<namingStrategy> or -Dmigrate.namingStrategy).");
                }
                return Naming.of(setting, null, reason);
        }
    }

    /**
     * What {@link #detect} depends on, without parsing anything: the setting, the text of each configuration file
     * that mentions naming, and the Spring Boot version on the classpath. Equal inputs give the same naming, so
     * the no-op fast path can compare this instead of loading the YAML parser on every run.
     */
    public static String inputs(String setting, Path project, List<Path> classpath) {
        StringBuilder inputs = new StringBuilder("naming ").append(setting);
        Path resources = project.resolve("src/main/resources");
        for (String name : FILES) {
            Path file = resources.resolve(name);
            if (Files.isRegularFile(file)) {
                namingText(file).ifPresent(text -> inputs.append('\n').append(name).append(": ").append(text));
            }
        }
        return inputs.append("\nboot ").append(springBootVersion(classpath).orElse("-")).toString();
    }

    /** The naming settings of Spring Boot's configuration files, if any is set. */
    private static Optional<Naming> fromSpringConfiguration(Path project, Path resources) {
        Map<String, String> found = new LinkedHashMap<>();
        Map<String, Path> source = new LinkedHashMap<>();
        for (String name : FILES) {
            Path file = resources.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Map<String, String> settings = read(file);
            for (String key : List.of(PHYSICAL_KEY, IMPLICIT_KEY, PHYSICAL_PROPERTY, IMPLICIT_PROPERTY)) {
                String value = settings.get(key);
                if (value != null && !value.isBlank() && !found.containsKey(key)) {
                    found.put(key, value.strip());
                    source.put(key, file);
                }
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String physical = found.getOrDefault(PHYSICAL_KEY, found.getOrDefault(PHYSICAL_PROPERTY, Naming.SPRING_PHYSICAL));
        String implicit = found.getOrDefault(IMPLICIT_KEY, found.getOrDefault(IMPLICIT_PROPERTY, Naming.SPRING_IMPLICIT));
        List<String> reasons = new ArrayList<>();
        source.forEach((key, file) -> reasons.add(key + " in " + relative(project, file)));
        return Optional.of(Naming.of(physical, implicit, String.join(", ", reasons)));
    }

    /**
     * A configuration file as flat keys (Spring's relaxed names of our keys made canonical). A file that does not
     * mention naming at all is not parsed (loading the YAML parser costs about half a second on a cold JVM).
     */
    private static Map<String, String> read(Path file) {
        Optional<String> text = namingText(file);
        return text.isEmpty() ? new LinkedHashMap<>() : parse(file, text.get());
    }

    /**
     * A Spring Boot configuration file's text as flat keys, as Spring reads it: a later YAML document overrides an
     * earlier one, profile-specific documents are left out.
     */
    static Map<String, String> parse(Path file, String text) {
        Map<String, String> flat = new LinkedHashMap<>();
        try {
            if (file.getFileName().toString().endsWith(".properties")) {
                Properties values = new Properties();
                values.load(new StringReader(text));
                values.stringPropertyNames().forEach(k -> flat.put(canonical(k), values.getProperty(k)));
            } else {
                for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                    Map<String, String> keys = new LinkedHashMap<>();
                    flatten("", document, keys);
                    if (!keys.containsKey("spring.config.activate.on-profile")) {
                        flat.putAll(keys); // a later document overrides an earlier one, as in Spring
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
        return flat;
    }

    /**
     * The file's text if it mentions naming at all. Every key we read contains "naming", and a file without it is
     * not parsed. ISO-8859-1 for {@code .properties} (as Spring reads them; it never fails to decode).
     */
    private static Optional<String> namingText(Path file) {
        boolean properties = file.getFileName().toString().endsWith(".properties");
        try {
            String text = Files.readString(file, properties ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            return text.toLowerCase(Locale.ROOT).contains("naming") ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static MigrateException unreadable(Path file, Exception e) {
        return new MigrateException(ErrorCode.CONFIGURATION, "Cannot read " + file + " for the naming settings: "
                + e.getMessage() + ". Fix the file, or set <namingStrategy> / -Dmigrate.namingStrategy to "
                + "hibernate or spring.", e);
    }

    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (node != null && !prefix.isEmpty()) {
            out.put(canonical(prefix), String.valueOf(node));
        }
    }

    /** Spring's relaxed binding for the {@code naming} keys: {@code physicalStrategy}, {@code physical_strategy}. */
    private static String canonical(String key) {
        String simple = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (simple.equals("spring.jpa.hibernate.naming.physicalstrategy")) {
            return PHYSICAL_KEY;
        }
        if (simple.equals("spring.jpa.hibernate.naming.implicitstrategy")) {
            return IMPLICIT_KEY;
        }
        return key;
    }

    /** The version of a {@code spring-boot-<version>.jar} among the classpath entries, if there is one. */
    static Optional<String> springBootVersion(List<Path> classpath) {
        for (Path entry : classpath) {
            Path name = entry.getFileName();
            Matcher m = SPRING_BOOT_JAR.matcher(name == null ? "" : name.toString());
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static String relative(Path project, Path file) {
        return file.startsWith(project) ? project.relativize(file).toString().replace('\\', '/') : file.toString();
    }
}
