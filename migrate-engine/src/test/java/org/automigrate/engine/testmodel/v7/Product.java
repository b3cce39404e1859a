package org.automigrate.engine.testmodel.v7;

import java.math.BigDecimal;

import jakarta.persistence.*;

@Entity
@Table(name = "product")
public class Product {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, unique = true, length = 40) String sku;
    @Column(precision = 10, scale = 2) BigDecimal price;
}
