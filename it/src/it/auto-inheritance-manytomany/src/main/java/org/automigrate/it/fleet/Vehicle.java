package org.automigrate.it.fleet;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

/** Root of a JOINED hierarchy: one table here, one per subclass keyed by this table's id. */
@Entity
@Table(name = "vehicle")
@Inheritance(strategy = InheritanceType.JOINED)
public abstract class Vehicle extends Audited {

    @Column(nullable = false, unique = true, length = 15)
    private String plate;

    @ManyToMany(mappedBy = "vehicles")
    private Set<Driver> drivers = new HashSet<>();

    protected Vehicle() {
    }

    protected Vehicle(String plate) {
        this.plate = plate;
    }

    public String getPlate() {
        return plate;
    }

    public Set<Driver> getDrivers() {
        return drivers;
    }
}
