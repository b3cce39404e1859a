package org.automigrate.engine.testmodel.dup;

import jakarta.persistence.*;

@Entity
@Table(name = "item")
public class LegacyItem {
    @Id Long id;
    String title;
}
