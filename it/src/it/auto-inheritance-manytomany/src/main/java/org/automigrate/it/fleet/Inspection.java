package org.automigrate.it.fleet;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

@Entity
@DiscriminatorValue("INSPECTION")
public class Inspection extends MaintenanceEvent {

    // nullable: the other subclasses share the table
    @Column(name = "passed")
    private Boolean passed;

    protected Inspection() {
    }

    public Inspection(Vehicle vehicle, LocalDate happenedOn, boolean passed) {
        super(vehicle, happenedOn);
        this.passed = passed;
    }

    public Boolean getPassed() {
        return passed;
    }
}
