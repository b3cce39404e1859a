package org.automigrate.engine.testmodel.broken;

import jakarta.persistence.*;

@Entity
public class NoId {
    String name;
}
