package com.acme.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

import com.acme.domain.Customer;

@Entity
public class AuditEntry {
    @Id Long id;
    String what;
    @ManyToOne Customer customer;
}
