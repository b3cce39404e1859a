package org.automigrate.it.shop.store.core;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.persistence.*;

@Entity
@Table(name = "purchase_order")
public class PurchaseOrder {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @ManyToOne(optional = false) @JoinColumn(name = "customer_id") Customer customer;
    @Column(precision = 21, scale = 2, nullable = false) BigDecimal total;
    LocalDateTime placed;
}
