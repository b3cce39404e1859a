package org.automigrate.engine.testmodel.v2;

import java.util.List;

import jakarta.persistence.*;
import org.hibernate.annotations.ColumnDefault;

/** v1 plus a nullable column, a NOT NULL column with a default, and a reference to a new table. */
@Entity
@Table(name = "customer", indexes = @Index(name = "idx_customer_name", columnList = "name"))
public class Customer {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, length = 100) String name;
    @Column(unique = true) String email;
    @Embedded Address address;
    @Enumerated(EnumType.STRING) Status status;
    @OneToMany(mappedBy = "customer") List<PurchaseOrder> orders;
    String phone;
    @ColumnDefault("0") @Column(nullable = false) int loyaltyPoints;
    @ManyToOne Region region;
}
