package org.automigrate.it.evolve;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** v2: a new entity. */
@Entity
public class Review {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "product_id", nullable = false)
    private Product product;

    @Column(nullable = false)
    private int rating;

    @Column(length = 2000)
    private String body;

    protected Review() {
    }

    public Review(Product product, int rating, String body) {
        this.product = product;
        this.rating = rating;
        this.body = body;
    }

    public Long getId() {
        return id;
    }
}
