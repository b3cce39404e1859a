package org.automigrate.engine.testmodel.v2;

import jakarta.persistence.*;

@Entity
@Table(name = "region")
public class Region {
    @Id @GeneratedValue Long id;
    @Column(nullable = false) String name;
}
