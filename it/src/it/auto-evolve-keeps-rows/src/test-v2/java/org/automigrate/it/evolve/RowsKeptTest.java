package org.automigrate.it.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

/** Step 2: after auto evolved the schema to v2, every v1 row is there and Hibernate validate passes. */
class RowsKeptTest {

    @Test
    void keepsRowsBackfillsDefaultAndValidates() {
        try (SessionFactory sessionFactory = new Configuration()
                .addAnnotatedClass(Customer.class)
                .addAnnotatedClass(Product.class)
                .addAnnotatedClass(Review.class)
                .setProperty("hibernate.connection.url", System.getProperty("db.url"))
                .setProperty("hibernate.connection.pool_size", "1")
                .setProperty("hibernate.dialect", ValidatingSQLiteDialect.class.getName())
                .setProperty("hibernate.hbm2ddl.auto", "validate")
                .setProperty("hibernate.hbm2ddl.jdbc_metadata_extraction_strategy", "individually")
                .buildSessionFactory()) {

            List<Customer> customers = sessionFactory.fromSession(session -> session
                    .createSelectionQuery("from Customer order by email", Customer.class).getResultList());
            assertEquals(List.of("ada@example.org", "grace@example.org", "linus@example.org"),
                    customers.stream().map(Customer::getEmail).toList());
            for (Customer customer : customers) {
                assertEquals(0, customer.getLoyaltyPoints());
                assertNull(customer.getPhone());
            }
            Long products = sessionFactory.fromSession(session -> session
                    .createSelectionQuery("select count(*) from Product", Long.class).getSingleResult());
            assertEquals(2L, products);

            // the new table works
            Long reviewId = sessionFactory.fromTransaction(session -> {
                Product product = session.createSelectionQuery("from Product where sku = 'SKU-1'", Product.class)
                        .getSingleResult();
                Review review = new Review(product, 5, "Fast");
                session.persist(review);
                return review.getId();
            });
            assertNotNull(reviewId);
        }
    }
}
