package org.automigrate.it.fleet;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

@Entity
@Table(name = "driver")
public class Driver extends Audited {

    @Column(nullable = false, length = 100)
    private String name;

    @ElementCollection
    @CollectionTable(name = "driver_licence_class", joinColumns = @JoinColumn(name = "driver_id"))
    @Column(name = "licence_class", nullable = false, length = 5)
    private Set<String> licenceClasses = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "driver_vehicle",
            joinColumns = @JoinColumn(name = "driver_id"),
            inverseJoinColumns = @JoinColumn(name = "vehicle_id"))
    private Set<Vehicle> vehicles = new HashSet<>();

    protected Driver() {
    }

    public Driver(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public Set<String> getLicenceClasses() {
        return licenceClasses;
    }

    public Set<Vehicle> getVehicles() {
        return vehicles;
    }

    public void drive(Vehicle vehicle) {
        vehicles.add(vehicle);
        vehicle.getDrivers().add(this);
    }
}
