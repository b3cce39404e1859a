package org.automigrate.engine.testmodel.formats1;

import jakarta.persistence.*;

/** The changelog-format round trip, step 1: one table. */
@Entity
@Table(name = "item")
public class Item {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, length = 50) String name;
}
