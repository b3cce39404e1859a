package org.automigrate.engine.testmodel.v7;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.*;

@Entity
@Table(name = "purchase_order")
public class PurchaseOrder {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @ManyToOne(optional = false) Customer customer;
    Instant placedAt;
    LocalDate deliveryDate;
    boolean paid;
}
