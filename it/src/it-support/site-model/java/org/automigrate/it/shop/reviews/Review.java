package org.automigrate.it.shop.reviews;

import jakarta.persistence.*;
import org.automigrate.it.shop.store.catalog.Product;
import org.automigrate.it.shop.store.core.Customer;

@Entity
@Table(name = "review")
public class Review {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @ManyToOne(optional = false) @JoinColumn(name = "product_id") Product product;
    @ManyToOne @JoinColumn(name = "customer_id") Customer customer;
    @Column(nullable = false) int stars;
}
