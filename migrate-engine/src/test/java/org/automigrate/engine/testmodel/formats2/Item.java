package org.automigrate.engine.testmodel.formats2;

import jakarta.persistence.*;
import org.hibernate.annotations.ColumnDefault;

/** Step 2: a column added in place, whose default holds a ';' (statement splitting must not cut it). */
@Entity
@Table(name = "item")
public class Item {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, length = 50) String name;
    @ColumnDefault("'a;b'") @Column(length = 20) String label;
}
