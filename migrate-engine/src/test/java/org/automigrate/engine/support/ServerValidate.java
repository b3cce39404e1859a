package org.automigrate.engine.support;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.testing.Servers;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

/** Hibernate's own validate of a test model against a server database, as the application would run it. */
public final class ServerValidate {
    private ServerValidate() {
    }

    public static void validate(Servers.Database db, String modelPackage) {
        StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.url", db.url())
                .applySetting("hibernate.connection.username", db.username())
                .applySetting("hibernate.hbm2ddl.auto", "validate");
        if (db.password() != null) {
            builder.applySetting("hibernate.connection.password", db.password());
        }
        if (db.kind() == DatabaseKind.MARIADB) {
            builder.applySetting("hibernate.dialect", "org.hibernate.dialect.MariaDBDialect");
        }
        StandardServiceRegistry registry = builder.build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            try (ScanResult scan = new ClassGraph().enableAnnotationInfo()
                    .acceptPackages("org.automigrate.engine.testmodel." + modelPackage).scan()) {
                scan.getClassesWithAnnotation("jakarta.persistence.Entity").loadClasses()
                        .forEach(sources::addAnnotatedClass);
                scan.getClassesWithAnnotation("jakarta.persistence.Embeddable").loadClasses()
                        .forEach(sources::addAnnotatedClass);
            }
            try (SessionFactory factory = sources.buildMetadata().buildSessionFactory()) {
                factory.getSchemaManager(); // building the factory ran the validation
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }
}
