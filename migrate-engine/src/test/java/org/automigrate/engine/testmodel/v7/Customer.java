package org.automigrate.engine.testmodel.v7;

import java.util.List;

import jakarta.persistence.*;

@Entity
@Table(name = "customer", indexes = @Index(name = "idx_customer_name", columnList = "full_name"))
public class Customer {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(name = "full_name", nullable = false, length = 100) String name;
    @Column(unique = true) String email;
    @Embedded Address address;
    @Enumerated(EnumType.STRING) Status status;
    @OneToMany(mappedBy = "customer") List<PurchaseOrder> orders;
}
