package org.automigrate.it.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

/** The schema that migrate:auto created satisfies Hibernate's validate and stores an entity graph. */
class SchemaValidatesTest {

    private static SessionFactory validatingSessionFactory() {
        return new Configuration()
                .addAnnotatedClass(Customer.class)
                .addAnnotatedClass(Product.class)
                .addAnnotatedClass(PurchaseOrder.class)
                .addAnnotatedClass(OrderLine.class)
                .setProperty("hibernate.connection.url", System.getProperty("db.url"))
                .setProperty("hibernate.connection.pool_size", "1")
                .setProperty("hibernate.dialect", ValidatingSQLiteDialect.class.getName())
                .setProperty("hibernate.hbm2ddl.auto", "validate")
                // sqlite-jdbc cannot answer whole-database column lookups for larger schemas
                .setProperty("hibernate.hbm2ddl.jdbc_metadata_extraction_strategy", "individually")
                .buildSessionFactory();
    }

    @Test
    void validatesAndStoresAnOrder() {
        try (SessionFactory sessionFactory = validatingSessionFactory()) {
            Long orderId = sessionFactory.fromTransaction(session -> {
                Customer customer = new Customer("ada@example.org", "Ada",
                        new Address("1 Analytical St", "London", "N1", "GB"));
                Product product = new Product("SKU-1", "Difference engine", new BigDecimal("99.50"));
                session.persist(customer);
                session.persist(product);
                PurchaseOrder order = new PurchaseOrder(customer, LocalDateTime.of(2024, 5, 1, 12, 0));
                order.addLine(product, 2);
                order.setStatus(OrderStatus.PAID);
                session.persist(order);
                return order.getId();
            });

            sessionFactory.inSession(session -> {
                PurchaseOrder order = session.find(PurchaseOrder.class, orderId);
                assertEquals(OrderStatus.PAID, order.getStatus());
                assertEquals("London", order.getCustomer().getAddress().getCity());
                assertEquals(1, order.getLines().size());
                assertEquals("SKU-1", order.getLines().get(0).getProduct().getSku());
                assertEquals(0, new BigDecimal("99.50").compareTo(order.getLines().get(0).getUnitPrice()));
            });
        }
    }
}
