package org.automigrate.engine.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a model written as Java source at test time, so one test can walk a model through many
 * versions. Each call compiles into a fresh directory (no stale classes of an earlier version), against
 * the test JVM's classpath, so {@code jakarta.persistence} and Hibernate's annotations resolve.
 */
public final class ModelCompiler {

    private ModelCompiler() {
    }

    /**
     * Compiles the sources into {@code outDir} (created; it must not hold classes yet).
     *
     * @param sources class name (e.g. {@code evo.Customer}) to its source text
     * @return {@code outDir}
     */
    public static Path compile(Map<String, String> sources, Path outDir) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No system Java compiler: the tests need a JDK, not a JRE");
        }
        try {
            Files.createDirectories(outDir);
            try (var existing = Files.list(outDir)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalStateException(outDir + " is not empty: compile each model into a fresh directory");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((className, text) -> units.add(new Source(className, text)));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-d", outDir.toString(), "-classpath", testClasspath(), "-proc:none",
                "-encoding", "UTF-8", "-g", "-nowarn");
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
            if (!ok) {
                throw new IllegalStateException("The model does not compile:\n" + diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> d.getSource() == null ? d.getMessage(Locale.ROOT)
                                : d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("\n")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outDir;
    }

    /** The classes of a compiled model, by binary name, in a stable order. */
    public static List<String> classNames(Path outDir) {
        try (var walk = Files.walk(outDir)) {
            return walk.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> outDir.relativize(p).toString())
                    .map(s -> s.substring(0, s.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The test JVM's classpath. Surefire may start the JVM from a manifest-only jar, so its own list of
     * the test classpath is preferred when it is there.
     */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String jvm = System.getProperty("java.class.path");
        return surefire == null || surefire.isBlank() ? jvm : surefire + File.pathSeparator + jvm;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
