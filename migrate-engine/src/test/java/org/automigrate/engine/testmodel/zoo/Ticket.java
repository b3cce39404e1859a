package org.automigrate.engine.testmodel.zoo;

import jakarta.persistence.*;

/** SINGLE_TABLE inheritance with a discriminator. */
@Entity
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "kind")
public class Ticket {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    int price;
}
