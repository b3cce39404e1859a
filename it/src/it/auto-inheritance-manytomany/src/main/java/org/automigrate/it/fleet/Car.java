package org.automigrate.it.fleet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "car")
public class Car extends Vehicle {

    @Column(nullable = false)
    private int seats;

    protected Car() {
    }

    public Car(String plate, int seats) {
        super(plate);
        this.seats = seats;
    }

    public int getSeats() {
        return seats;
    }
}
