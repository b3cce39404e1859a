package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.automigrate.engine.discovery.DiscoveredModel;
import org.automigrate.engine.support.HibernateSession;
import org.automigrate.engine.support.ModelCompiler;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.support.RecordingListener;
import org.automigrate.engine.testmodel.generators.Coupon;
import org.automigrate.engine.testmodel.generators.Invoice;
import org.automigrate.engine.testmodel.generators.Money;
import org.automigrate.engine.testmodel.generators.MoneyConverter;
import org.automigrate.engine.testmodel.generators.Voucher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery beyond annotated classes in target/classes: column order of new tables, generator tables
 * with their seed rows, auto-applied converters, schemas on SQLite, orm.xml and persistence.xml
 * mappings, entities in dependency jars.
 */
class DiscoveryTest {
    private static final List<String> DECLARED = List.of("id", "createdAt", "createdBy", "zeta", "label", "code",
            "width", "height", "weight", "fragile", "alpha");

    @TempDir
    Path dir;

    private static List<Object> columns(Project project, String table) throws Exception {
        return project.query("select name from pragma_table_info('" + table + "') order by cid").stream()
                .map(r -> r.get(0)).toList();
    }

    @Test
    void newTablesListColumnsInDeclaredOrderSoPositionalInsertsWork() throws Exception {
        Project project = new Project(dir);
        assertThat(project.engine("columns").auto().status()).isEqualTo(RunStatus.APPLIED);
        // key first, superclass fields, own fields as declared, the embeddable's fields in its place
        assertThat(columns(project, "Parcel")).containsExactlyElementsOf(DECLARED);
        project.execute("insert into Parcel values (1, null, 'ann', 'z', 'a label', 'C-1', 3, 2, 4.5, 0, 'a')");
        assertThat(project.query("select code, width, alpha from Parcel")).containsExactly(List.of("C-1", 3, "a"));
        assertThat(project.engine("columns").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
        assertThat(project.engine("columns", c -> c.columnOrder("hibernate")).auto().status())
                .as("comparisons ignore column order").isEqualTo(RunStatus.NO_CHANGES);
    }

    @Test
    void columnOrderHibernateKeepsHibernatesOwnOrder() throws Exception {
        Project project = new Project(dir);
        project.engine("columns", c -> c.columnOrder("hibernate")).auto();
        List<Object> columns = columns(project, "Parcel");
        assertThat(columns).containsExactlyInAnyOrderElementsOf(DECLARED).isNotEqualTo(DECLARED);
        assertThat(project.engine("columns").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
    }

    @Test
    void anUnknownColumnOrderIsAConfigurationError() {
        assertThatThrownBy(() -> new Project(dir).config("columns").columnOrder("alphabetical").build())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("alphabetical").hasMessageContaining("-Dmigrate.columnOrder");
    }

    @Test
    void generatorTablesAreSeededSoTheApplicationsFirstInsertsWork() throws Exception {
        Project project = new Project(dir);
        assertThat(project.engine("generators").auto().status()).isEqualTo(RunStatus.APPLIED);
        assertThat(project.query("select * from invoice_numbers")).containsExactly(List.of(1000));
        assertThat(project.query("select * from id_blocks")).containsExactly(List.of("voucher", 500));
        assertThat(project.count("Coupon_SEQ")).isEqualTo(1);
        String changeset = Files.readString(project.changeFiles().get(0));
        assertThat(changeset).containsIgnoringCase("insert into id_blocks").containsIgnoringCase("insert into invoice_numbers");
        // the auto-applied converter decides the column type: a whole number, not a serialized blob
        assertThat(project.query("select type from pragma_table_info('Invoice') where name = 'total'"))
                .containsExactly(List.of("bigint"));

        List<Object> ids = HibernateSession.persist(project.db, List.of(Invoice.class, Voucher.class, Coupon.class,
                MoneyConverter.class), session -> {
                    Invoice invoice = new Invoice();
                    invoice.total = new Money(1999);
                    Voucher voucher = new Voucher();
                    Coupon coupon = new Coupon();
                    coupon.discount = new Money(250);
                    session.persist(invoice);
                    session.persist(voucher);
                    session.persist(coupon);
                    return List.of(invoice.id, voucher.id, coupon.id);
                });
        assertThat(ids).doesNotContainNull();
        assertThat(project.query("select total from Invoice")).containsExactly(List.of(1999));
        assertThat(project.query("select discount from Coupon")).containsExactly(List.of(250));
    }

    @Test
    void aSchemaOnSqliteStopsWithWhatToDo() throws Exception {
        Project project = new Project(dir);
        assertThatThrownBy(() -> project.engine("schema").auto())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("org.automigrate.engine.testmodel.schema.Ledger")
                .hasMessageContaining("schema = \"accounting\"")
                .hasMessageContaining("SQLite has no schemas");
        assertThat(project.db).doesNotExist();
    }

    @Test
    void ormXmlAndPersistenceXmlMapClassesWithoutAnnotations() throws Exception {
        Path classes = ModelCompiler.compile(Map.of(
                "xml.Book", "package xml; public class Book { Long id; String title; int pages; }",
                "xml.Author", "package xml; public class Author { Long id; String name; }",
                "xml.Shelf", "package xml; @jakarta.persistence.Entity public class Shelf { @jakarta.persistence.Id Long id; }"),
                dir.resolve("classes"));
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/orm.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm" version="3.1">
                  <package>xml</package>
                  <entity class="Book" access="FIELD">
                    <table name="books"/>
                    <attributes>
                      <id name="id"/>
                      <basic name="title"><column name="title" length="80" nullable="false"/></basic>
                      <basic name="pages"/>
                    </attributes>
                  </entity>
                </entity-mappings>
                """);
        Files.writeString(classes.resolve("META-INF/persistence.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.1">
                  <persistence-unit name="library">
                    <mapping-file>META-INF/authors.xml</mapping-file>
                    <class>xml.Shelf</class>
                  </persistence-unit>
                </persistence>
                """);
        Files.writeString(classes.resolve("META-INF/authors.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm" version="3.1">
                  <entity class="xml.Author" access="FIELD">
                    <attributes><id name="id"/><basic name="name"/></attributes>
                  </entity>
                </entity-mappings>
                """);
        Project project = new Project(dir);
        Path db = project.db;
        EngineConfig config = EngineConfig.builder(dir).scanRoots(List.of(classes)).classpath(List.of(classes))
                .url("jdbc:sqlite:" + db).build();
        RecordingListener listener = new RecordingListener();
        DiscoverResult discovered = new Engine(config, listener).discover();
        assertThat(discovered.models()).extracting(DiscoveredModel::className)
                .containsExactly("xml.Author", "xml.Book", "xml.Shelf");
        assertThat(discovered.tables()).contains("books", "Author", "Shelf");
        EngineConfig elsewhere = EngineConfig.builder(dir).scanRoots(List.of(classes)).classpath(List.of(classes))
                .packages(List.of("other")).url("jdbc:sqlite:" + db).build();
        assertThat(new Engine(elsewhere, listener).discover().models()).extracting(DiscoveredModel::className)
                .as("classes named in the XML files count even outside packages")
                .containsExactly("xml.Author", "xml.Book", "xml.Shelf");

        assertThat(new Engine(config, listener).auto().status()).isEqualTo(RunStatus.APPLIED);
        assertThat(project.query("select type, \"notnull\" from pragma_table_info('books') where name = 'title'"))
                .containsExactly(List.of("varchar(80)", 1));
        assertThat(new Engine(config, listener).auto().status()).isEqualTo(RunStatus.NO_CHANGES);

        Files.writeString(classes.resolve("META-INF/orm.xml"), Files.readString(classes.resolve("META-INF/orm.xml"))
                .replace("<table name=\"books\"/>", "<table name=\"books\"><index name=\"idx_books_title\" column-list=\"title\"/></table>"));
        RecordingListener changed = new RecordingListener();
        assertThat(new Engine(config, changed).auto().status()).as("an orm.xml change is a model change")
                .isEqualTo(RunStatus.APPLIED);
        assertThat(project.query("select name from sqlite_master where type = 'index' and tbl_name = 'books'"))
                .contains(List.of("idx_books_title"));

        Path recompiled = ModelCompiler.compile(Map.of(
                "xml.Book", "package xml; public class Book { Long id; String title; int pages; String isbn; }"),
                dir.resolve("classes-2"));
        Files.copy(recompiled.resolve("xml/Book.class"), classes.resolve("xml/Book.class"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(new Engine(config, new RecordingListener()).auto().status())
                .as("a class mapped only in orm.xml is part of the fingerprint").isEqualTo(RunStatus.APPLIED);
        assertThat(project.query("select name from pragma_table_info('books') where name = 'isbn'")).hasSize(1);
    }

    @Test
    void anXmlMappingOfAMissingClassNamesTheFileAndTheClass() throws Exception {
        Path classes = ModelCompiler.compile(Map.of(
                "xml.Shelf", "package xml; @jakarta.persistence.Entity public class Shelf { @jakarta.persistence.Id Long id; }"),
                dir.resolve("classes"));
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/orm.xml"), """
                <entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm" version="3.1">
                  <entity class="xml.Boook"><attributes><id name="id"/></attributes></entity>
                </entity-mappings>
                """);
        EngineConfig config = EngineConfig.builder(dir).scanRoots(List.of(classes)).classpath(List.of(classes))
                .url("jdbc:sqlite:" + new Project(dir).db).build();
        assertThatThrownBy(() -> new Engine(config, new RecordingListener()).auto())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining(classes.resolve("META-INF/orm.xml").toString())
                .hasMessageContaining("xml.Boook").hasMessageContaining("not on the project's classpath");
        assertThat(new Project(dir).db).doesNotExist();
    }

    @Test
    void entitiesInADependencyJarAreModelsWhenTheirPackageIsNamed() throws Exception {
        Path domainClasses = ModelCompiler.compile(Map.of(
                "com.acme.domain.Customer", """
                        package com.acme.domain;
                        @jakarta.persistence.Entity public class Customer {
                            @jakarta.persistence.Id Long id; String name; }"""),
                dir.resolve("domain-classes"));
        Path jar = jar(domainClasses, dir.resolve("domain-1.0.jar"));
        Path appClasses = ModelCompiler.compile(Map.of(
                "com.acme.app.AuditEntry", """
                        package com.acme.app;
                        @jakarta.persistence.Entity public class AuditEntry {
                            @jakarta.persistence.Id Long id; String what; }"""),
                dir.resolve("app-classes"));
        Path db = new Project(dir).db;
        EngineConfig.Builder base = EngineConfig.builder(dir).scanRoots(List.of(appClasses))
                .classpath(List.of(appClasses, jar)).url("jdbc:sqlite:" + db);

        RecordingListener alone = new RecordingListener();
        DiscoverResult own = new Engine(base.build(), alone).discover();
        assertThat(own.tables()).containsExactly("AuditEntry");
        assertThat(alone.warnings).singleElement().asString()
                .contains("domain-1.0.jar").contains("com.acme.domain").contains("-Dmigrate.packages=com.acme.domain");

        EngineConfig both = base.packages(List.of("com.acme.app", "com.acme.domain")).build();
        RecordingListener listener = new RecordingListener();
        assertThat(new Engine(both, listener).auto().status()).isEqualTo(RunStatus.APPLIED);
        assertThat(listener.warnings).isEmpty();
        assertThat(new Project(dir).query("select name from sqlite_master where type = 'table' and name in "
                + "('AuditEntry', 'Customer') order by name")).containsExactly(List.of("AuditEntry"), List.of("Customer"));

        assertThat(new Engine(both, new RecordingListener()).auto().status()).isEqualTo(RunStatus.NO_CHANGES);
        Path newDomain = ModelCompiler.compile(Map.of(
                "com.acme.domain.Customer", """
                        package com.acme.domain;
                        @jakarta.persistence.Entity public class Customer {
                            @jakarta.persistence.Id Long id; String name; String email; }"""),
                dir.resolve("domain-classes-2"));
        Files.delete(jar);
        jar(newDomain, jar);
        RecordingListener changed = new RecordingListener();
        assertThat(new Engine(both, changed).auto().status()).isEqualTo(RunStatus.APPLIED);
        assertThat(changed.all()).contains("Customer.email");
    }

    private static Path jar(Path classes, Path jar) throws Exception {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
