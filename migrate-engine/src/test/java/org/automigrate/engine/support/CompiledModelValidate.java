package org.automigrate.engine.support;

import java.lang.annotation.Annotation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Table;

/**
 * {@link HibernateValidate} for a model compiled at test time ({@link ModelCompiler}): Hibernate's own
 * {@code hbm2ddl.auto=validate} over the entities of a classes directory, loaded through a class loader
 * of their own whose parent is the test's (which has jakarta.persistence and Hibernate).
 */
public final class CompiledModelValidate {

    private CompiledModelValidate() {
    }

    /** Validates every entity and embeddable in {@code classesDir} against the database; throws if Hibernate rejects it. */
    public static void validate(Path dbFile, Path classesDir) throws Exception {
        validate(dbFile, classesDir, Map.of());
    }

    /** As {@link #validate(Path, Path)}, with more Hibernate settings (e.g. the naming strategy classes). */
    public static void validate(Path dbFile, Path classesDir, Map<String, String> settings) throws Exception {
        withMetadata(dbFile, classesDir, settings, metadata -> {
            try (SessionFactory factory = metadata.buildSessionFactory()) {
                factory.getSchemaManager(); // building the factory ran the validation
            }
            return null;
        });
    }

    /** The tables and their columns Hibernate expects for the model under these settings. */
    public static Map<String, Set<String>> expectedTables(Path dbFile, Path classesDir, Map<String, String> settings)
            throws Exception {
        return withMetadata(dbFile, classesDir, settings, metadata -> {
            Map<String, Set<String>> tables = new TreeMap<>();
            for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
                for (Table table : namespace.getTables()) {
                    Set<String> columns = new TreeSet<>();
                    for (Column column : table.getColumns()) {
                        columns.add(column.getName());
                    }
                    tables.put(table.getName(), columns);
                }
            }
            return tables;
        });
    }

    private static <T> T withMetadata(Path dbFile, Path classesDir, Map<String, String> settings,
                                      Function<Metadata, T> use) throws Exception {
        ClassLoader parent = CompiledModelValidate.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classesDir.toUri().toURL()}, parent)) {
            thread.setContextClassLoader(loader);
            BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
            StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                    .applySetting("hibernate.connection.url", "jdbc:sqlite:" + dbFile)
                    .applySetting("hibernate.dialect", HibernateValidate.LenientSqliteDialect.class.getName())
                    .applySetting("hibernate.hbm2ddl.auto", "validate")
                    .applySetting("hibernate.hbm2ddl.jdbc_metadata_extraction_strategy", "individually")
                    .applySettings(new java.util.HashMap<String, Object>(settings))
                    .build();
            try {
                MetadataSources sources = new MetadataSources(registry);
                @SuppressWarnings("unchecked")
                Class<? extends Annotation> entity = (Class<? extends Annotation>) parent.loadClass("jakarta.persistence.Entity");
                @SuppressWarnings("unchecked")
                Class<? extends Annotation> embeddable = (Class<? extends Annotation>) parent.loadClass("jakarta.persistence.Embeddable");
                int models = 0;
                for (String name : ModelCompiler.classNames(classesDir)) {
                    Class<?> type = loader.loadClass(name);
                    if (type.isAnnotationPresent(entity) || type.isAnnotationPresent(embeddable)) {
                        sources.addAnnotatedClass(type);
                        models++;
                    }
                }
                if (models == 0) {
                    throw new IllegalStateException("No entity classes in " + classesDir);
                }
                return use.apply(sources.buildMetadata());
            } finally {
                StandardServiceRegistryBuilder.destroy(registry);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
