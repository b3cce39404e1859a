package org.automigrate.engine.testmodel.v7;

import jakarta.persistence.*;

@Entity
@Table(name = "order_line", uniqueConstraints = @UniqueConstraint(name = "uk_line_order_product", columnNames = {"order_id", "product_id"}))
public class OrderLine {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @ManyToOne(optional = false) @JoinColumn(name = "order_id") PurchaseOrder order;
    @ManyToOne(optional = false) @JoinColumn(name = "product_id") Product product;
    int quantity;
}
