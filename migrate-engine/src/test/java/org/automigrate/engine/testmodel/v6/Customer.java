package org.automigrate.engine.testmodel.v6;

import java.util.List;

import jakarta.persistence.*;

@Entity
@Table(name = "customer", indexes = @Index(name = "idx_customer_name", columnList = "name"))
public class Customer {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, length = 100) String name;
    @Column(unique = true) String email;
    @Embedded Address address;
    @Enumerated(EnumType.STRING) Status status;
    @Enumerated(EnumType.STRING) @org.hibernate.annotations.ColumnDefault("'GOLD'") @Column(nullable = false) Status tier;
    @OneToMany(mappedBy = "customer") List<PurchaseOrder> orders;
}
