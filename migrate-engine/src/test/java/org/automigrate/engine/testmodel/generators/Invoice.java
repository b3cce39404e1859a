package org.automigrate.engine.testmodel.generators;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

@Entity
public class Invoice {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_numbers")
    @SequenceGenerator(name = "invoice_numbers", sequenceName = "invoice_numbers", initialValue = 1000, allocationSize = 10)
    public Long id;
    public Money total;
}
