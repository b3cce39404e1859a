package org.automigrate.it.fleet;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Root of a SINGLE_TABLE hierarchy: every subclass's columns live in this one table. */
@Entity
@Table(name = "maintenance_event")
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "event_type", length = 20)
public abstract class MaintenanceEvent extends Audited {

    @ManyToOne(optional = false)
    @JoinColumn(name = "vehicle_id", nullable = false)
    private Vehicle vehicle;

    @Column(name = "happened_on", nullable = false)
    private LocalDate happenedOn;

    protected MaintenanceEvent() {
    }

    protected MaintenanceEvent(Vehicle vehicle, LocalDate happenedOn) {
        this.vehicle = vehicle;
        this.happenedOn = happenedOn;
    }

    public Vehicle getVehicle() {
        return vehicle;
    }

    public LocalDate getHappenedOn() {
        return happenedOn;
    }
}
