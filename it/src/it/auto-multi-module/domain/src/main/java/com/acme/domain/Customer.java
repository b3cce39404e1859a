package com.acme.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;

@Entity
public class Customer {
    @Id Long id;
    @Column(nullable = false, length = 100) String name;
    @Lob String notes;
    int loyaltyPoints;
    String email;
}
