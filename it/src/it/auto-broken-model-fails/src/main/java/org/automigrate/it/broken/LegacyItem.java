package org.automigrate.it.broken;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The mistake under test: a second entity on the table of {@link Item}. */
@Entity
@Table(name = "item")
public class LegacyItem {

    @Id
    private Long id;

    private String label;
}
