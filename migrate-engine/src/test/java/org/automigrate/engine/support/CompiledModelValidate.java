package org.automigrate.engine.support;

import java.lang.annotation.Annotation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

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
                try (SessionFactory factory = sources.buildMetadata().buildSessionFactory()) {
                    factory.getSchemaManager(); // building the factory ran the validation
                }
            } finally {
                StandardServiceRegistryBuilder.destroy(registry);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
