package org.automigrate.engine.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;

/**
 * Finds the model classes among the project's compiled classes with ClassGraph, reading class files
 * only (nothing is loaded or initialised here).
 */
public final class EntityScanner {
    private static final String JAKARTA = "jakarta.persistence.";
    private static final String JAVAX_ENTITY = "javax.persistence.Entity";

    /** A class found by the scan: its name, kind, source file and hash; the table is filled in later. */
    public record Found(String className, DiscoveredModel.Kind kind, String sourceFile, String hash) {
    }

    private final Path projectDirectory;

    public EntityScanner(Path projectDirectory) {
        this.projectDirectory = projectDirectory;
    }

    public List<Found> scan(List<Path> roots, List<String> packages) {
        List<Path> existing = roots.stream().filter(Files::exists).toList();
        if (existing.isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIGURATION,
                    "No compiled classes found at " + roots.stream().map(this::relative).collect(Collectors.joining(", "))
                            + ". Compile the project first (mvn compile); the auto goal runs in the "
                            + "process-classes phase, after compile.");
        }
        List<Found> found = new ArrayList<>();
        try (ScanResult scan = graph(existing, packages).scan()) {
            List<String> javax = scan.getClassesWithAnnotation(JAVAX_ENTITY).getNames();
            if (!javax.isEmpty()) {
                throw new MigrateException(ErrorCode.MODEL,
                        "These classes use the old javax.persistence annotations, which Hibernate 7 ignores: "
                                + String.join(", ", javax) + ". Migrate them to jakarta.persistence "
                                + "(Jakarta Persistence 3.x): replace the javax.persistence imports by jakarta.persistence.");
            }
            add(found, scan, "Entity", DiscoveredModel.Kind.ENTITY);
            add(found, scan, "Embeddable", DiscoveredModel.Kind.EMBEDDABLE);
            add(found, scan, "MappedSuperclass", DiscoveredModel.Kind.MAPPED_SUPERCLASS);
            add(found, scan, "Converter", DiscoveredModel.Kind.CONVERTER);
        }
        found.sort((a, b) -> a.className().compareTo(b.className()));
        return found;
    }

    /**
     * What the model depends on, for the no-op fingerprint: every model class and every enum (enum
     * constants become CHECK constraints), each as {@code name=hash}, sorted. Reads class files only.
     */
    public List<String> modelInputs(List<Path> roots, List<String> packages) {
        List<Path> existing = roots.stream().filter(Files::exists).toList();
        List<String> inputs = new ArrayList<>();
        try (ScanResult scan = graph(existing, packages).scan()) {
            List<Found> found = new ArrayList<>();
            add(found, scan, "Entity", DiscoveredModel.Kind.ENTITY);
            add(found, scan, "Embeddable", DiscoveredModel.Kind.EMBEDDABLE);
            add(found, scan, "MappedSuperclass", DiscoveredModel.Kind.MAPPED_SUPERCLASS);
            add(found, scan, "Converter", DiscoveredModel.Kind.CONVERTER);
            found.forEach(f -> inputs.add(f.className() + "=" + f.hash()));
            for (ClassInfo info : scan.getAllEnums()) {
                try {
                    inputs.add(info.getName() + "=" + hash(info.getResource().load()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            inputs.add("javax=" + scan.getClassesWithAnnotation(JAVAX_ENTITY).getNames());
        }
        inputs.sort(String::compareTo);
        return inputs;
    }

    /** Class files only, of the given roots, limited to the packages when there are any. */
    private static ClassGraph graph(List<Path> roots, List<String> packages) {
        ClassGraph graph = new ClassGraph()
                .overrideClasspath(roots.stream().map(Path::toString).collect(Collectors.toList()))
                .enableClassInfo()
                .enableAnnotationInfo()
                .ignoreClassVisibility();
        if (!packages.isEmpty()) {
            graph.acceptPackages(packages.toArray(String[]::new));
        }
        return graph;
    }

    private void add(List<Found> found, ScanResult scan, String annotation, DiscoveredModel.Kind kind) {
        for (ClassInfo info : scan.getClassesWithAnnotation(JAKARTA + annotation)) {
            byte[] bytes;
            try {
                bytes = info.getResource().load();
            } catch (java.io.IOException e) {
                throw new MigrateException(ErrorCode.IO, "Cannot read the class file of " + info.getName()
                        + ": " + e.getMessage(), e);
            }
            found.add(new Found(info.getName(), kind, sourceFile(info), hash(bytes)));
        }
    }

    private String sourceFile(ClassInfo info) {
        String simple = info.getSourceFile() != null ? info.getSourceFile()
                : info.getSimpleName() + ".java";
        String pkg = info.getPackageName();
        String relative = (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + simple;
        for (String sourceRoot : List.of("src/main/java", "src/main/kotlin")) {
            Path candidate = projectDirectory.resolve(sourceRoot).resolve(relative);
            if (Files.exists(candidate)) {
                return sourceRoot + "/" + relative;
            }
        }
        return relative;
    }

    private String relative(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(projectDirectory) ? projectDirectory.relativize(abs).toString() : abs.toString();
    }

    static String hash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
