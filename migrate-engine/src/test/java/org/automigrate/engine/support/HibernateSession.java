package org.automigrate.engine.support;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.community.dialect.SQLiteDialect;

/**
 * The application's side: a Hibernate {@link SessionFactory} on the database file with no schema
 * management at all, running one unit of work in a transaction, as the application would after a migration.
 */
public final class HibernateSession {

    private HibernateSession() {
    }

    /** Runs {@code work} in one committed transaction over the given annotated classes; returns its result. */
    public static <T> T persist(Path dbFile, List<Class<?>> classes, Function<Session, T> work) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.url", "jdbc:sqlite:" + dbFile)
                .applySetting("hibernate.dialect", SQLiteDialect.class.getName())
                .applySetting("hibernate.hbm2ddl.auto", "none")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            try (SessionFactory factory = sources.buildMetadata().buildSessionFactory()) {
                return factory.fromTransaction(work);
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }
}
