package org.automigrate.engine.testmodel.zoo;

import jakarta.persistence.Entity;

@Entity
public class Parrot extends Animal {
    boolean talks;
}
