package org.automigrate.engine.testmodel.zoo;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.*;

@Entity
public class Keeper extends Audited {
    @Id @GeneratedValue Long id;
    @Column(unique = true) UUID badge;
    BigDecimal salary;
    @Lob String notes;
    double rating;
    byte[] photo;
}
