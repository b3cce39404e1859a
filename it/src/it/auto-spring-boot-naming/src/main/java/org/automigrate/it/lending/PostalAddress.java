package org.automigrate.it.lending;

import jakarta.persistence.Embeddable;

@Embeddable
public class PostalAddress {

    private String streetName;

    private String zipCode;

    protected PostalAddress() {
    }

    public PostalAddress(String streetName, String zipCode) {
        this.streetName = streetName;
        this.zipCode = zipCode;
    }

    public String getStreetName() {
        return streetName;
    }

    public String getZipCode() {
        return zipCode;
    }
}
