package org.automigrate.it.shop.store.catalog;

import java.math.BigDecimal;

import jakarta.persistence.*;

@Entity
@Table(name = "product")
public class Product {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(length = 40, nullable = false, unique = true) String sku;
    @Column(precision = 10, scale = 2) BigDecimal price;
}
