package org.automigrate.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

/** The schema that migrate:auto created satisfies Hibernate's validate and stores both hierarchies. */
class SchemaValidatesTest {

    private static SessionFactory validatingSessionFactory() {
        return new Configuration()
                .addAnnotatedClass(Vehicle.class)
                .addAnnotatedClass(Car.class)
                .addAnnotatedClass(Truck.class)
                .addAnnotatedClass(Driver.class)
                .addAnnotatedClass(MaintenanceEvent.class)
                .addAnnotatedClass(Inspection.class)
                .addAnnotatedClass(Repair.class)
                .setProperty("hibernate.connection.url", System.getProperty("db.url"))
                .setProperty("hibernate.connection.pool_size", "1")
                .setProperty("hibernate.dialect", ValidatingSQLiteDialect.class.getName())
                .setProperty("hibernate.hbm2ddl.auto", "validate")
                .setProperty("hibernate.hbm2ddl.jdbc_metadata_extraction_strategy", "individually")
                .buildSessionFactory();
    }

    @Test
    void validatesAndStoresBothHierarchies() {
        try (SessionFactory sessionFactory = validatingSessionFactory()) {
            Long driverId = sessionFactory.fromTransaction(session -> {
                Car car = new Car("CAR-1", 5);
                Truck truck = new Truck("TRK-1", 12_000);
                session.persist(car);
                session.persist(truck);
                Driver driver = new Driver("Alex");
                driver.getLicenceClasses().addAll(Set.of("B", "C"));
                driver.drive(car);
                driver.drive(truck);
                session.persist(driver);
                session.persist(new Inspection(truck, LocalDate.of(2024, 3, 1), true));
                session.persist(new Repair(car, LocalDate.of(2024, 4, 2), new BigDecimal("120.00"), "brakes"));
                return driver.getId();
            });

            sessionFactory.inSession(session -> {
                Driver driver = session.find(Driver.class, driverId);
                assertEquals(Set.of("B", "C"), driver.getLicenceClasses());
                assertEquals(2, driver.getVehicles().size());
                assertNotNull(driver.getCreatedAt());

                List<Vehicle> vehicles = session.createSelectionQuery("from Vehicle order by plate", Vehicle.class)
                        .getResultList();
                assertInstanceOf(Car.class, vehicles.get(0));
                assertInstanceOf(Truck.class, vehicles.get(1));
                assertEquals(12_000, ((Truck) vehicles.get(1)).getPayloadKg());

                List<MaintenanceEvent> events = session
                        .createSelectionQuery("from MaintenanceEvent order by happenedOn", MaintenanceEvent.class)
                        .getResultList();
                assertTrue(((Inspection) events.get(0)).getPassed());
                assertEquals(0, new BigDecimal("120.00").compareTo(((Repair) events.get(1)).getCost()));
            });
        }
    }
}
