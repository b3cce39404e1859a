package org.automigrate.it.fleet;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

@Entity
@DiscriminatorValue("REPAIR")
public class Repair extends MaintenanceEvent {

    @Column(precision = 10, scale = 2)
    private BigDecimal cost;

    @Column(length = 500)
    private String description;

    protected Repair() {
    }

    public Repair(Vehicle vehicle, LocalDate happenedOn, BigDecimal cost, String description) {
        super(vehicle, happenedOn);
        this.cost = cost;
        this.description = description;
    }

    public BigDecimal getCost() {
        return cost;
    }
}
