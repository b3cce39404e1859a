package org.automigrate.engine.testmodel.zoo;

import java.util.Set;

import jakarta.persistence.*;

/** JOINED inheritance, a many-to-many with a join table, and an element collection. */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public class Animal extends Audited {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false) String name;
    @ManyToMany @JoinTable(name = "animal_keeper") Set<Keeper> keepers;
    @ElementCollection Set<String> nicknames;
    @Version int version;
}
