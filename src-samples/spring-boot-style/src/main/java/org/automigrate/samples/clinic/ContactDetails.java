package org.automigrate.samples.clinic;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Embedded in Patient: its fields become phone_number and email_address columns of the patient table. */
@Embeddable
public class ContactDetails {

    @Column(length = 30)
    private String phoneNumber;

    @Column(length = 254)
    private String emailAddress;

    protected ContactDetails() {
    }

    public ContactDetails(String phoneNumber, String emailAddress) {
        this.phoneNumber = phoneNumber;
        this.emailAddress = emailAddress;
    }

    public String getPhoneNumber() {
        return phoneNumber;
    }

    public String getEmailAddress() {
        return emailAddress;
    }
}
