package org.automigrate.engine.testmodel.formats3;

import jakarta.persistence.*;
import org.hibernate.annotations.ColumnDefault;

/** Step 3: a wider type, which SQLite can only do by rebuilding the table (keeping its rows). */
@Entity
@Table(name = "item")
public class Item {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, length = 120) String name;
    @ColumnDefault("'a;b'") @Column(length = 20) String label;
}
