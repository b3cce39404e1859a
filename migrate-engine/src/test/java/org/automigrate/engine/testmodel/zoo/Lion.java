package org.automigrate.engine.testmodel.zoo;

import jakarta.persistence.Entity;

@Entity
public class Lion extends Animal {
    int maneLength;
}
