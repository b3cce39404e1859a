package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.automigrate.engine.diff.IgnoredTables;
import org.automigrate.engine.diff.SchemaComparer;
import org.automigrate.engine.report.TextReport;
import org.automigrate.engine.schema.DesiredSchema;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testmodel.v1.Customer;
import org.automigrate.engine.testmodel.v1.OrderLine;
import org.automigrate.engine.testmodel.v1.Product;
import org.automigrate.engine.testmodel.v1.PurchaseOrder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.community.dialect.SQLiteDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baseline} adopts a database that Hibernate's {@code ddl-auto=update} made; the next auto completes it. */
class AdoptionTest {
    private static final String[] BOOKKEEPING = {"automigrate_history", "DATABASECHANGELOG", "DATABASECHANGELOGLOCK"};

    @TempDir
    Path dir;

    /** What an application with {@code hibernate.hbm2ddl.auto=update} on SQLite leaves: no foreign keys, no named uniques. */
    private static void hibernateUpdate(Path db, List<Class<?>> classes) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.url", "jdbc:sqlite:" + db)
                .applySetting("hibernate.dialect", SQLiteDialect.class.getName())
                .applySetting("hibernate.hbm2ddl.auto", "update")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            sources.buildMetadata().buildSessionFactory().close();
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    @Test
    void aDatabaseHibernateUpdateMadeIsAdoptedAndTheNextAutoAddsItsKeysKeepingEveryRow() throws Exception {
        Project project = new Project(dir);
        hibernateUpdate(project.db, List.of(Customer.class, Product.class, PurchaseOrder.class, OrderLine.class));
        assertThat(project.query("select count(*) from pragma_foreign_key_list('purchase_order')")).containsExactly(List.of(0));
        project.execute("insert into customer (name, email, status) values ('Ada', 'a1', 'ACTIVE'), ('Bob', 'b1', null)",
                "insert into product (sku) values ('A-1')", "insert into purchase_order (customer_id, paid) values (2, 1)",
                "insert into order_line (order_id, product_id, quantity) values (1, 1, 3)");
        String data = DbChecksum.of(project.db, BOOKKEEPING);

        BaselineResult baseline = project.engine("v1").baseline();

        assertThat(baseline.marked()).hasSize(1);
        assertThat(baseline.changelogFile()).exists();
        assertThat(baseline.remaining()).anySatisfy(item -> assertThat(item).contains("purchase_order", "foreign key"));
        assertThat(TextReport.baseline(baseline)).anySatisfy(line -> assertThat(line)
                .contains("the next mvn migrate:auto makes them, keeping every row"));
        assertThat(DbChecksum.of(project.db, BOOKKEEPING)).isEqualTo(data);

        AutoResult auto = project.engine("v1").auto();

        assertThat(auto.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(auto.verified()).isTrue();
        assertThat(auto.pendingApplied()).isEmpty();
        assertThat(project.query("select \"table\" from pragma_foreign_key_list('purchase_order')"))
                .containsExactly(List.of("customer"));
        assertThat(project.query("select id, name, email, status from customer order by id")).containsExactly(
                java.util.Arrays.asList(1, "Ada", "a1", "ACTIVE"), java.util.Arrays.asList(2, "Bob", "b1", null));
        assertThat(project.query("select order_id, product_id, quantity from order_line")).containsExactly(List.of(1, 1, 3));
        assertThat(project.engine("v1").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
    }

    @Test
    void aDatabaseThatLacksAColumnOfTheModelIsStillRefused() throws Exception {
        Project project = new Project(dir);
        hibernateUpdate(project.db, List.of(Customer.class, Product.class, PurchaseOrder.class, OrderLine.class));
        String file = DbChecksum.ofFile(project.db);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> project.engine("v2").baseline())
                .hasMessageContaining("it lacks tables or columns of the model")
                .hasMessageContaining("create table region")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.DRIFT);
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(file);
    }

    @Test
    void checkExpressionsAreComparedAsTheDatabaseKeepsThem() {
        var live = DesiredSchema.build(List.of("create table orders (id integer primary key, "
                + "status varchar(10) check (status in ('NEW','PAID','SHIPPED')))"));
        var model = DesiredSchema.build(List.of("CREATE TABLE orders (id integer primary key, "
                + "status varchar(10) CHECK ((STATUS  IN ( 'NEW', 'PAID', 'SHIPPED' ))))"));
        var other = DesiredSchema.build(List.of("create table orders (id integer primary key, "
                + "status varchar(10) check (status in ('NEW','PAID')))"));

        assertThat(SchemaComparer.compare(model, live, new IgnoredTables(List.of())).changes()).isEmpty();
        assertThat(SchemaComparer.compare(other, live, new IgnoredTables(List.of())).changes()).isNotEmpty();
    }
}
