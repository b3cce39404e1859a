package org.automigrate.engine.testmodel.columns;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;

/** Fields in an order Hibernate 7 would change: long text before numbers, an embeddable in the middle. */
@Entity
public class Parcel extends Stamped {
    String zeta;
    @Lob String label;
    @Id Long id;
    @Column(length = 20) String code;
    @Embedded Dimensions dimensions;
    BigDecimal weight;
    boolean fragile;
    String alpha;
}
