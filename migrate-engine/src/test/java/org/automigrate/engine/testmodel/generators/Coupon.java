package org.automigrate.engine.testmodel.generators;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Coupon {
    @Id @GeneratedValue public Long id;
    public Money discount;
}
