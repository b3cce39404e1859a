package org.automigrate.engine.testmodel.zoo;

import jakarta.persistence.Entity;

@Entity
public class ChildTicket extends Ticket {
    Integer age;
}
