package org.automigrate.engine.testmodel.schema;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "ledger", schema = "accounting")
public class Ledger {
    @Id Long id;
    String account;
}
