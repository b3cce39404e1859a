package org.automigrate.engine.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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

    /** The JPA annotations that make a class part of the model, in the order models are listed. */
    private static final Map<String, DiscoveredModel.Kind> KINDS = kinds();
    private final Path projectDirectory;
    private final Consumer<String> hints;

    public EntityScanner(Path projectDirectory) {
        this(projectDirectory, hint -> { });
    }

    /** A scanner that reports hints (one line each, e.g. entities in dependencies that are not scanned) to {@code hints}. */
    public EntityScanner(Path projectDirectory, Consumer<String> hints) {
        this.projectDirectory = projectDirectory;
        this.hints = hints;
    }

    private static Map<String, DiscoveredModel.Kind> kinds() {
        Map<String, DiscoveredModel.Kind> kinds = new LinkedHashMap<>();
        kinds.put("Entity", DiscoveredModel.Kind.ENTITY);
        kinds.put("Embeddable", DiscoveredModel.Kind.EMBEDDABLE);
        kinds.put("MappedSuperclass", DiscoveredModel.Kind.MAPPED_SUPERCLASS);
        kinds.put("Converter", DiscoveredModel.Kind.CONVERTER);
        return kinds;
    }

    /** What a scan finds: the model classes, and the XML mapping files Hibernate must read with them. */
    public record Scan(List<Found> found, List<MappingFiles.MappingFile> mappingFiles, List<String> dependencies) {
        public Scan {
            found = List.copyOf(found);
            mappingFiles = List.copyOf(mappingFiles);
            dependencies = List.copyOf(dependencies);
        }

        /** Where the model came from besides the scan roots, for the discovery line: {@code " and domain-1.0.jar"}. */
        public String alsoFrom() {
            return dependencies.isEmpty() ? "" : " and " + String.join(", ", dependencies);
        }
    }

    /**
     * Finds the model: the annotated classes of the scan roots (and, when packages are given, of the
     * classpath's jars and directories too, within those packages), the classes mapped by
     * {@code META-INF/orm.xml} and listed in {@code META-INF/persistence.xml}, and those XML files.
     */
    public Scan scan(List<Path> roots, List<Path> classpath, List<String> packages) {
        List<Path> existing = roots.stream().filter(Files::exists).toList();
        if (existing.isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIGURATION,
                    "No compiled classes found at " + roots.stream().map(this::relative).collect(Collectors.joining(", "))
                            + ". Compile the project first (mvn compile); the auto goal runs in the "
                            + "process-classes phase, after compile.");
        }
        List<Path> inScope = inScope(existing, classpath, packages);
        MappingFiles.Found xml;
        List<Found> found = new ArrayList<>();
        List<String> dependencies = new ArrayList<>();
        try (ScanResult scan = graph(inScope, packages).scan()) {
            List<Path> mappingRoots = mappingRoots(existing, scan);
            xml = MappingFiles.read(mappingRoots, classpath);
            List<Path> own = existing.stream().map(p -> p.toAbsolutePath().normalize()).toList();
            mappingRoots.stream().filter(p -> !own.contains(p)).forEach(p -> dependencies.add(name(p)));
            List<String> javax = scan.getClassesWithAnnotation(JAVAX_ENTITY).getNames();
            if (!javax.isEmpty()) {
                throw new MigrateException(ErrorCode.MODEL,
                        "These classes use the old javax.persistence annotations, which Hibernate 7 ignores: "
                                + String.join(", ", javax) + ". Migrate them to jakarta.persistence "
                                + "(Jakarta Persistence 3.x): replace the javax.persistence imports by jakarta.persistence.");
            }
            addAll(found, scan);
            if (packages.isEmpty()) {
                hintAboutDependencies(existing, classpath, topPackages(scan));
            }
        }
        addXmlMapped(found, xml, classpath.isEmpty() ? existing : classpath);
        found.sort((a, b) -> a.className().compareTo(b.className()));
        return new Scan(found, xml.files(), dependencies);
    }

    /** The scan roots, plus every other classpath entry when packages say which classes are models. */
    private static List<Path> inScope(List<Path> roots, List<Path> classpath, List<String> packages) {
        List<Path> scope = new ArrayList<>(roots);
        if (!packages.isEmpty()) {
            classpath.stream().filter(Files::exists).filter(p -> !scope.contains(p)).forEach(scope::add);
        }
        return scope;
    }

    /**
     * The project's own top packages (two levels: {@code com.acme} of {@code com.acme.app.Order}): a module of
     * the same build holding entities shares them, and limiting the hint's look into the dependencies to
     * them keeps it cheap (every library jar would otherwise be parsed: 0.7 s for 37 jars, warm).
     */
    private static List<String> topPackages(ScanResult scan) {
        return scan.getAllClasses().stream().map(ClassInfo::getPackageName).filter(p -> !p.isEmpty())
                .map(p -> {
                    String[] parts = p.split("\\.");
                    return parts.length == 1 ? parts[0] : parts[0] + "." + parts[1];
                })
                .distinct().sorted().toList();
    }

    /**
     * Where XML mapping files are read: the scan roots, and the other scanned jars and directories only if
     * they hold classes of the named packages (a library's own persistence.xml is not the project's).
     */
    private static List<Path> mappingRoots(List<Path> roots, ScanResult scan) {
        Set<Path> result = new java.util.LinkedHashSet<>();
        roots.forEach(root -> result.add(root.toAbsolutePath().normalize()));
        for (ClassInfo info : scan.getAllClasses()) {
            result.add(info.getClasspathElementFile().toPath().toAbsolutePath().normalize());
        }
        return List.copyOf(result);
    }

    /** Classes the XML files name that the annotation scan did not find (outside the packages, or not annotated). */
    private void addXmlMapped(List<Found> found, MappingFiles.Found xml, List<Path> classpath) {
        Map<String, DiscoveredModel.Kind> classes = xml.classes();
        Set<String> known = found.stream().map(Found::className).collect(Collectors.toSet());
        List<String> missing = classes.keySet().stream().filter(c -> !known.contains(c)).toList();
        if (missing.isEmpty()) {
            return;
        }
        try (ScanResult scan = graph(classpath.stream().filter(Files::exists).toList(), List.of())
                .acceptClasses(missing.toArray(String[]::new)).scan()) {
            for (String name : missing) {
                ClassInfo info = scan.getClassInfo(name);
                if (info == null) {
                    throw new MigrateException(ErrorCode.MODEL, xml.namedIn().get(name) + " names the class " + name
                            + ", which is not on the project's classpath. Fix the class name there, or add the module "
                            + "that holds the class as a dependency.");
                }
                found.add(new Found(name, kindOf(info, classes.get(name)), sourceFile(info), hash(load(info))));
            }
        }
    }

    private static DiscoveredModel.Kind kindOf(ClassInfo info, DiscoveredModel.Kind fallback) {
        for (Map.Entry<String, DiscoveredModel.Kind> kind : KINDS.entrySet()) {
            if (info.hasAnnotation(JAKARTA + kind.getKey())) {
                return kind.getValue();
            }
        }
        return fallback;
    }

    /**
     * Without packages only the scan roots hold models; entities in a dependency (another module of a
     * multi-module build) are easy to miss, so one line names them and the setting that includes them.
     */
    private void hintAboutDependencies(List<Path> roots, List<Path> classpath, List<String> topPackages) {
        List<Path> others = classpath.stream().filter(Files::exists).filter(p -> !roots.contains(p)).toList();
        if (others.isEmpty() || topPackages.isEmpty()) {
            return;
        }
        try (ScanResult scan = graph(others, topPackages).scan()) {
            List<ClassInfo> entities = scan.getClassesWithAnnotation(JAKARTA + "Entity");
            if (entities.isEmpty()) {
                return;
            }
            List<String> packages = entities.stream().map(ClassInfo::getPackageName).distinct().sorted().toList();
            List<String> where = entities.stream().map(c -> name(c.getClasspathElementFile().toPath()))
                    .distinct().sorted().toList();
            hints.accept(entities.size() + " @Entity class" + (entities.size() == 1 ? "" : "es") + " in dependenc"
                    + (where.size() > 1 ? "ies " : "y ") + String.join(", ", where) + " (package"
                    + (packages.size() > 1 ? "s " : " ") + String.join(", ", packages) + ") "
                    + (entities.size() == 1 ? "is" : "are") + " not part of this model: only " + roots.stream().map(this::relative)
                    .collect(Collectors.joining(", ")) + " is scanned. To include them, set <packages>"
                    + String.join(",", packages) + "</packages> or -Dmigrate.packages=" + String.join(",", packages)
                    + " (list your own packages too).");
        }
    }

    /**
     * What the model depends on, for the no-op fingerprint: every model class and every enum (enum
     * constants become CHECK constraints), each as {@code name=hash}, and the XML mapping files, sorted.
     * Reads class files only.
     */
    public List<String> modelInputs(List<Path> roots, List<Path> classpath, List<String> packages) {
        List<Path> inScope = inScope(roots.stream().filter(Files::exists).toList(), classpath, packages);
        if (inScope.isEmpty()) {
            return List.of("no compiled classes"); // ClassGraph refuses an empty classpath
        }
        List<String> inputs = new ArrayList<>();
        try (ScanResult scan = graph(inScope, packages).scan()) {
            MappingFiles.Found xml = MappingFiles.read(mappingRoots(roots.stream().filter(Files::exists).toList(), scan),
                    classpath);
            xml.files().forEach(f -> inputs.add(f.location() + "=" + f.hash()));
            inputs.add("xml-classes=" + xml.classes());
            for (String name : xml.classes().keySet()) { // a class mapped only in XML carries no annotation
                String resource = name.replace('.', '/') + ".class";
                inputs.add(name + "=" + classpath.stream().map(entry -> MappingFiles.resource(entry, resource))
                        .flatMap(java.util.Optional::stream).findFirst().map(EntityScanner::hash).orElse("absent"));
            }
            List<Found> found = new ArrayList<>();
            addAll(found, scan);
            found.forEach(f -> inputs.add(f.className() + "=" + f.hash()));
            for (ClassInfo info : scan.getAllEnums()) {
                inputs.add(info.getName() + "=" + hash(load(info)));
            }
            inputs.add("javax=" + scan.getClassesWithAnnotation(JAVAX_ENTITY).getNames());
        }
        inputs.sort(String::compareTo);
        return inputs;
    }

    private void addAll(List<Found> found, ScanResult scan) {
        KINDS.forEach((annotation, kind) -> add(found, scan, annotation, kind));
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
            found.add(new Found(info.getName(), kind, sourceFile(info), hash(load(info))));
        }
    }

    private static byte[] load(ClassInfo info) {
        try {
            return info.getResource().load();
        } catch (java.io.IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot read the class file of " + info.getName()
                    + " in " + info.getClasspathElementFile() + ": " + e.getMessage(), e);
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

    /** A jar by its file name, a classes directory (another module of the reactor) by its path. */
    private String name(Path entry) {
        return Files.isDirectory(entry) ? relative(entry) : entry.getFileName().toString();
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
