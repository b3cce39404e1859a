package org.automigrate.it.shop.store.core;

import jakarta.persistence.*;

@Entity
@Table(name = "customer")
public class Customer {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(length = 120, nullable = false, unique = true) String email;
    @Column(name = "display_name", length = 80) String displayName;
}
