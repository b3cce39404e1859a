package org.automigrate.it.fleet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "truck")
public class Truck extends Vehicle {

    @Column(name = "payload_kg", nullable = false)
    private int payloadKg;

    protected Truck() {
    }

    public Truck(String plate, int payloadKg) {
        super(plate);
        this.payloadKg = payloadKg;
    }

    public int getPayloadKg() {
        return payloadKg;
    }
}
