package org.automigrate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.community.dialect.SQLiteDialect;

/**
 * Hibernate's own schema tooling as an application runs it at start-up: a session factory built with
 * {@code hibernate.hbm2ddl.auto=update} ("SchemaUpdate") or {@code validate} ("SchemaValidator"), both with
 * {@code jdbc_metadata_extraction_strategy=individually} and the integer types treated as equal (as the
 * engine tests' HibernateValidate does), over the classes of a compiled model in a class loader of their own.
 */
final class HibernateAction {

    /** SQLite's dialect with its integer types treated as equal (SQLite stores identity keys as integer). */
    public static class LenientSqliteDialect extends SQLiteDialect {
        @Override
        public boolean equivalentTypes(int typeCode1, int typeCode2) {
            return super.equivalentTypes(typeCode1, typeCode2) || integral(typeCode1) && integral(typeCode2);
        }

        private static boolean integral(int code) {
            return code == Types.INTEGER || code == Types.BIGINT || code == Types.SMALLINT || code == Types.TINYINT;
        }
    }

    private HibernateAction() {
    }

    /** Runs {@code action} ("update" or "validate") on the SQLite file; throws if Hibernate fails. */
    static void run(String action, Path classesDir, Path dbFile) throws Exception {
        run(action, classesDir, Map.of(
                "hibernate.connection.url", "jdbc:sqlite:" + dbFile,
                "hibernate.dialect", LenientSqliteDialect.class.getName(),
                // the default, grouped, fails on SQLite from about 50 tables: sqlite-jdbc's getColumns for all
                // tables is one compound SELECT, beyond SQLite's 500-term limit
                "hibernate.hbm2ddl.jdbc_metadata_extraction_strategy", "individually"));
    }

    /**
     * Runs {@code action} with the given connection settings (URL, dialect, user, ...): on a server, as an
     * application configures it, with Hibernate's default metadata extraction ({@code grouped}).
     */
    static void run(String action, Path classesDir, Map<String, String> connection) throws Exception {
        ClassLoader parent = HibernateAction.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classesDir.toUri().toURL()}, parent)) {
            thread.setContextClassLoader(loader);
            BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
            StandardServiceRegistryBuilder settings = new StandardServiceRegistryBuilder(bootstrap)
                    .applySettings(new HashMap<String, Object>(connection))
                    .applySetting("hibernate.hbm2ddl.auto", action);
            StandardServiceRegistry registry = settings.build();
            try {
                MetadataSources sources = new MetadataSources(registry);
                @SuppressWarnings("unchecked")
                Class<? extends Annotation> entity = (Class<? extends Annotation>) parent.loadClass("jakarta.persistence.Entity");
                @SuppressWarnings("unchecked")
                Class<? extends Annotation> embeddable = (Class<? extends Annotation>) parent.loadClass("jakarta.persistence.Embeddable");
                for (String name : classNames(classesDir)) {
                    Class<?> type = loader.loadClass(name);
                    if (type.isAnnotationPresent(entity) || type.isAnnotationPresent(embeddable)) {
                        sources.addAnnotatedClass(type);
                    }
                }
                try (SessionFactory factory = sources.buildMetadata().buildSessionFactory()) {
                    factory.getSchemaManager(); // building the factory ran the schema action
                }
            } finally {
                StandardServiceRegistryBuilder.destroy(registry);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static List<String> classNames(Path dir) {
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".class")).map(p -> dir.relativize(p).toString())
                    .map(s -> s.substring(0, s.length() - 6).replace('/', '.')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
