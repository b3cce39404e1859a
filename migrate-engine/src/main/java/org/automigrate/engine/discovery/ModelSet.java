package org.automigrate.engine.discovery;

import java.io.IOException;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.automigrate.engine.config.Naming;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.boot.model.relational.ColumnOrderingStrategyStandard;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.DelayedDropRegistryNotAvailableImpl;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

/**
 * The project's model as Hibernate sees it: the classes loaded through the project's own class
 * loader and Hibernate's {@link Metadata} built from them for one dialect. Closing it releases the
 * class loader and Hibernate's services.
 */
public final class ModelSet implements AutoCloseable {
    /** New tables get their columns in the entity's declared order ({@link DeclaredColumnOrder}). */
    public static final String COLUMN_ORDER_DECLARED = "declared";
    /** New tables get their columns in Hibernate 7's order (by type and size, then by name). */
    public static final String COLUMN_ORDER_HIBERNATE = "hibernate";

    private final URLClassLoader loader;
    private final StandardServiceRegistry registry;
    private final Metadata metadata;
    private final List<DiscoveredModel> models;
    private final Map<String, String> sourceByTable;
    private final Naming naming;

    private ModelSet(URLClassLoader loader, StandardServiceRegistry registry, Metadata metadata,
                     List<DiscoveredModel> models, Map<String, String> sourceByTable, Naming naming) {
        this.naming = naming;
        this.loader = loader;
        this.registry = registry;
        this.metadata = metadata;
        this.models = models;
        this.sourceByTable = sourceByTable;
    }

    /**
     * Loads the found classes and builds Hibernate's metadata for them. An invalid model (Hibernate
     * rejects a mapping, two entities on one table, no entity) fails with {@link ErrorCode#MODEL}.
     */
    public static ModelSet load(EntityScanner.Scan scan, List<Path> classpath, String dialectClass,
                                Naming naming, String columnOrder, String where) {
        return load(scan, classpath, dialectClass, Map.of(), naming, columnOrder, where);
    }

    /** As {@link #load(EntityScanner.Scan, List, String, Naming, String, String)}, with more settings for the dialect (e.g. the server version). */
    public static ModelSet load(EntityScanner.Scan scan, List<Path> classpath, String dialectClass,
                                Map<String, String> dialectSettings, Naming naming, String columnOrder, String where) {
        List<EntityScanner.Found> found = scan.found();
        if (found.stream().noneMatch(f -> f.kind() == DiscoveredModel.Kind.ENTITY)) {
            throw new MigrateException(ErrorCode.MODEL,
                    "No @Entity classes found in " + where + ". Annotate your entities with "
                            + "jakarta.persistence.Entity, or fix <packages> / -Dmigrate.packages.");
        }
        URLClassLoader loader = new URLClassLoader("automigrate-project", urls(classpath),
                ModelSet.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        StandardServiceRegistry registry = null;
        try {
            List<Class<?>> classes = new ArrayList<>();
            for (EntityScanner.Found f : found) {
                classes.add(loadClass(loader, f.className()));
            }
            BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder()
                    .applyClassLoader(loader)
                    .build();
            registry = new StandardServiceRegistryBuilder(bootstrap)
                    .applySettings(new HashMap<String, Object>(dialectSettings))
                    .applySetting(AvailableSettings.DIALECT, dialectClass)
                    .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false")
                    .applySetting(AvailableSettings.SHOW_SQL, "false")
                    .build();
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            scan.mappingFiles().forEach(file -> sources.addURL(file.url()));
            MetadataBuilder builder = sources.getMetadataBuilder();
            builder.applyColumnOrderingStrategy(COLUMN_ORDER_DECLARED.equals(columnOrder)
                    ? new DeclaredColumnOrder() : ColumnOrderingStrategyStandard.INSTANCE);
            if (naming.physical() != null) {
                builder.applyPhysicalNamingStrategy(strategy(naming.physical(), PhysicalNamingStrategy.class,
                        naming, loader));
            }
            if (naming.implicit() != null) {
                builder.applyImplicitNamingStrategy(strategy(naming.implicit(), ImplicitNamingStrategy.class,
                        naming, loader));
            }
            Metadata metadata = builder.build();
            // Hibernate orders the columns only when it builds a SessionFactory; the DDL written here must have
            // the order the application's own create would have
            ((MetadataImplementor) metadata).orderColumns(true);
            refuseSchemas(metadata, registry.getService(JdbcServices.class).getDialect() instanceof SQLiteDialect);
            Map<String, String> sourceByTable = checkTables(metadata, found);
            List<DiscoveredModel> models = new ArrayList<>();
            Map<String, String> tableByClass = tableByClass(metadata);
            for (EntityScanner.Found f : found) {
                models.add(new DiscoveredModel(f.className(), f.kind(), tableByClass.get(f.className()),
                        f.sourceFile(), f.hash()));
            }
            return new ModelSet(loader, registry, metadata, List.copyOf(models), sourceByTable, naming);
        } catch (MigrateException e) {
            close(loader, registry);
            throw e;
        } catch (RuntimeException | LinkageError e) {
            close(loader, registry);
            throw new MigrateException(ErrorCode.MODEL,
                    "Hibernate rejects the model: " + rootMessage(e)
                            + ". Fix the mapping of the class named above and compile again.", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Class<?> loadClass(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new MigrateException(ErrorCode.MODEL, "Cannot load the model class " + name + ": "
                    + rootMessage(e) + ". Is a dependency it needs missing from the project's runtime classpath?", e);
        }
    }

    /**
     * Spring Boot's naming classes by name, so that Spring need not be on any classpath. Boot 2's physical
     * strategy is the one Hibernate took over as CamelCaseToUnderscoresNamingStrategy, which Boot 3 configures
     * (deprecated in Hibernate 7, hence the warning suppressed here).
     */
    @SuppressWarnings("removal")
    private static final Map<String, java.util.function.Supplier<Object>> SPRING_CLASSES = Map.of(
            Naming.SPRING_IMPLICIT, SpringImplicitNaming::new,
            "org.springframework.boot.hibernate.SpringImplicitNamingStrategy", SpringImplicitNaming::new,
            "org.springframework.boot.orm.jpa.hibernate.SpringPhysicalNamingStrategy",
            CamelCaseToUnderscoresNamingStrategy::new);

    /** An instance of a naming class, Spring's by our equivalent, any other from the project's classpath. */
    private static <T> T strategy(String className, Class<T> type, Naming naming, ClassLoader loader) {
        String kind = type.getSimpleName();
        try {
            java.util.function.Supplier<Object> spring = SPRING_CLASSES.get(className);
            Object instance = spring != null ? spring.get()
                    : Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
            if (type.isInstance(instance)) {
                return type.cast(instance);
            }
            throw new MigrateException(ErrorCode.CONFIGURATION, "The naming strategy " + className + " (from the "
                    + naming.reason() + ") is not a " + type.getName() + ". Name such a class there, or set "
                    + "<namingStrategy> or -Dmigrate.namingStrategy to hibernate, spring or snake.");
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "Unknown naming strategy class '" + className
                    + "' (from the " + naming.reason() + "): it is not on the project's classpath or has no public "
                    + "no-argument constructor. Use hibernate, spring, snake, or the name of a " + kind
                    + " class on the project's classpath (<namingStrategy> or -Dmigrate.namingStrategy).", e);
        }
    }

    /**
     * SQLite has no schemas: Hibernate would write and query {@code schema.table}, which SQLite reads as a
     * table of an attached database of that name, so neither the migration nor the application would work.
     * Mapping such an entity to a plain table silently would hide that; the run stops and says what to do.
     */
    /**
     * Tables in a schema or catalog of their own: SQLite has none; on a server the engine compares the one
     * schema the URL names, so such a table would be invisible to it (and created again every run).
     */
    private static void refuseSchemas(Metadata metadata, boolean sqlite) {
        List<String> problems = new ArrayList<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            Table table = entity.getTable();
            String qualifier = table.getSchema() != null ? "schema = \"" + table.getSchema() + "\""
                    : table.getCatalog() != null ? "catalog = \"" + table.getCatalog() + "\"" : null;
            if (qualifier != null && (entity.getSuperclass() == null || entity.getSuperclass().getTable() != table)) {
                problems.add(entity.getClassName() + " (" + qualifier + ")");
            }
        }
        if (!problems.isEmpty() && !sqlite) {
            throw new MigrateException(ErrorCode.MODEL, "These entities name a schema or catalog in @Table: "
                    + String.join(", ", problems) + ". Automigrate migrates the one schema the URL names (PostgreSQL: "
                    + "currentSchema, default public; MariaDB/MySQL: the URL's database) and does not yet migrate "
                    + "tables in other schemas. Remove schema/catalog from @Table (or orm.xml) and point the URL at "
                    + "that schema instead, e.g. jdbc:postgresql://host/db?currentSchema=sales.");
        }
        if (!problems.isEmpty()) {
            throw new MigrateException(ErrorCode.MODEL, "SQLite has no schemas, but these entities name one in @Table: "
                    + String.join(", ", problems) + ". Hibernate would use schema.table, which SQLite reads as an "
                    + "attached database, so the application's queries would fail too. Remove schema/catalog from "
                    + "@Table (or from orm.xml) for SQLite, or set it per database with the Hibernate property "
                    + "hibernate.default_schema on the servers only.");
        }
    }

    /** Each table must belong to one entity (single-table subclasses share their root's table). */
    private static Map<String, String> checkTables(Metadata metadata, List<EntityScanner.Found> found) {
        Map<String, String> sourceOf = new HashMap<>();
        found.forEach(f -> sourceOf.put(f.className(), f.sourceFile()));
        Map<String, List<String>> owners = new TreeMap<>();
        Map<String, String> sourceByTable = new LinkedHashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            Table table = entity.getTable();
            if (entity.getSuperclass() != null && entity.getSuperclass().getTable() == table) {
                continue;
            }
            String key = table.getName().toLowerCase(Locale.ROOT);
            owners.computeIfAbsent(key, k -> new ArrayList<>()).add(entity.getClassName());
            sourceByTable.putIfAbsent(key, sourceOf.getOrDefault(entity.getClassName(), entity.getClassName()));
        }
        List<String> clashes = new ArrayList<>();
        owners.forEach((table, classes) -> {
            if (classes.size() > 1) {
                clashes.add("table '" + table + "' is mapped by " + String.join(" and ", classes.stream().sorted().toList()));
            }
        });
        if (!clashes.isEmpty()) {
            throw new MigrateException(ErrorCode.MODEL, "Two entities map to the same table: "
                    + String.join("; ", clashes) + ". Give each entity its own @Table(name = ...), or use "
                    + "@Inheritance(strategy = SINGLE_TABLE) if they are one hierarchy.");
        }
        for (Collection collection : metadata.getCollectionBindings()) {
            Table table = collection.getCollectionTable();
            if (table != null) {
                String owner = collection.getOwnerEntityName();
                sourceByTable.putIfAbsent(table.getName().toLowerCase(Locale.ROOT),
                        sourceOf.getOrDefault(owner, owner));
            }
        }
        return sourceByTable;
    }

    private static Map<String, String> tableByClass(Metadata metadata) {
        Map<String, String> result = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            result.put(entity.getClassName(), entity.getTable().getName());
        }
        return result;
    }

    /** The names of the model's tables (entity, collection and join tables), sorted. */
    public List<String> tableNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        metadata.collectTableMappings().forEach(t -> names.add(t.getName()));
        return List.copyOf(names);
    }

    /** The DDL Hibernate writes to create this model on an empty database, one statement per entry. */
    public List<String> createStatements() {
        StringWriter out = new StringWriter();
        Map<String, Object> settings = new HashMap<>(registry.getService(
                org.hibernate.engine.config.spi.ConfigurationService.class).getSettings());
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "none");
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_ACTION, "create");
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_CREATE_TARGET, out);
        settings.put(AvailableSettings.HBM2DDL_DELIMITER, ";");
        settings.put(AvailableSettings.FORMAT_SQL, "false");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            SchemaManagementToolCoordinator.process(metadata, registry, settings,
                    DelayedDropRegistryNotAvailableImpl.INSTANCE);
        } catch (RuntimeException e) {
            throw new MigrateException(ErrorCode.MODEL,
                    "Hibernate cannot write the DDL for the model: " + rootMessage(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        List<String> statements = new ArrayList<>();
        for (String line : out.toString().split("\\R")) {
            String statement = line.strip();
            if (statement.endsWith(";")) {
                statement = statement.substring(0, statement.length() - 1).strip();
            }
            if (!statement.isEmpty()) {
                statements.add(statement);
            }
        }
        return statements;
    }

    /** The naming strategy the model was built with. */
    public Naming naming() {
        return naming;
    }

    public Metadata metadata() {
        return metadata;
    }

    public List<DiscoveredModel> models() {
        return models;
    }

    /** The source file of the entity (or collection owner) behind a table, by lower-case table name. */
    public String sourceOfTable(String table) {
        return sourceByTable.get(table.toLowerCase(Locale.ROOT));
    }

    public String hashOfSource(String sourceFile) {
        return models.stream().filter(m -> m.sourceFile().equals(sourceFile)).map(DiscoveredModel::hash)
                .findFirst().orElse("");
    }

    public long entityCount() {
        return models.stream().filter(m -> m.kind() == DiscoveredModel.Kind.ENTITY).count();
    }

    @Override
    public void close() {
        close(loader, registry);
    }

    private static void close(URLClassLoader loader, StandardServiceRegistry registry) {
        if (registry != null) {
            StandardServiceRegistryBuilder.destroy(registry);
        }
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing to do: the loader only read local files
        }
    }

    private static URL[] urls(List<Path> classpath) {
        List<URL> urls = new ArrayList<>();
        for (Path path : classpath) {
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "Invalid classpath entry " + path, e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = message == null ? t.getMessage() : message;
            }
        }
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        return message;
    }
}
