package org.automigrate.it.lending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;

/** The schema migrate:auto created is the one Hibernate expects with Spring Boot's own naming classes. */
class SpringNamingValidatesTest {

    private static SessionFactory validatingSessionFactory() {
        return new Configuration()
                .addAnnotatedClass(LibraryMember.class)
                .addAnnotatedClass(Book.class)
                .addAnnotatedClass(PostalAddress.class)
                .setProperty("hibernate.physical_naming_strategy", CamelCaseToUnderscoresNamingStrategy.class.getName())
                .setProperty("hibernate.implicit_naming_strategy", SpringImplicitNamingStrategy.class.getName())
                .setProperty("hibernate.connection.url", System.getProperty("db.url"))
                .setProperty("hibernate.connection.pool_size", "1")
                .setProperty("hibernate.dialect", ValidatingSQLiteDialect.class.getName())
                .setProperty("hibernate.hbm2ddl.auto", "validate")
                .setProperty("hibernate.hbm2ddl.jdbc_metadata_extraction_strategy", "individually")
                .buildSessionFactory();
    }

    @Test
    void validatesAndStoresAMemberWithBorrowedBooks() {
        try (SessionFactory sessionFactory = validatingSessionFactory()) {
            Long memberId = sessionFactory.fromTransaction(session -> {
                Book dune = new Book("Dune", 1965);
                Book emma = new Book("Emma", 1815);
                session.persist(dune);
                session.persist(emma);
                LibraryMember member = new LibraryMember("Ada", "Lovelace",
                        new PostalAddress("St James's Square", "SW1Y"), MembershipLevel.PREMIUM);
                member.getBorrowedBooks().add(dune);
                member.getBorrowedBooks().add(emma);
                session.persist(member);
                return member.getId();
            });

            sessionFactory.inSession(session -> {
                LibraryMember member = session.find(LibraryMember.class, memberId);
                assertEquals(2, member.getBorrowedBooks().size());
                assertEquals("SW1Y", member.getHomeAddress().getZipCode());
                assertEquals(MembershipLevel.PREMIUM, member.getMembershipLevel());
            });
        }
    }
}
