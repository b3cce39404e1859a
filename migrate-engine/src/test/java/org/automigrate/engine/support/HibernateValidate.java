package org.automigrate.engine.support;

import java.nio.file.Path;
import java.sql.Types;
import java.util.Map;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.community.dialect.SQLiteDialect;

/**
 * Runs Hibernate's own {@code hbm2ddl.auto=validate} on a database, as an application would at start-up.
 * SQLite stores identity keys as {@code integer}, which Hibernate's validate would reject as "expecting
 * bigint": the dialect used here treats the integer types as equivalent, as SQLite itself does.
 */
public final class HibernateValidate {

    /** SQLite's dialect with its integer types treated as equal, for validation only. */
    public static class LenientSqliteDialect extends SQLiteDialect {
        @Override
        public boolean equivalentTypes(int typeCode1, int typeCode2) {
            return super.equivalentTypes(typeCode1, typeCode2) || integral(typeCode1) && integral(typeCode2);
        }

        private static boolean integral(int code) {
            return code == Types.INTEGER || code == Types.BIGINT || code == Types.SMALLINT || code == Types.TINYINT;
        }
    }

    private HibernateValidate() {
    }

    /** Validates the entities of one test-model package against the database; throws if Hibernate rejects it. */
    public static void validate(Path dbFile, String modelPackage) {
        validate(Map.of("hibernate.connection.url", "jdbc:sqlite:" + dbFile,
                "hibernate.dialect", LenientSqliteDialect.class.getName(),
                "hibernate.hbm2ddl.jdbc_metadata_extraction_strategy", "individually"), modelPackage);
    }

    /** Validates the entities of one test-model package against the database the settings connect to. */
    public static void validate(Map<String, String> settings, String modelPackage) {
        StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.hbm2ddl.auto", "validate");
        settings.forEach(builder::applySetting);
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
