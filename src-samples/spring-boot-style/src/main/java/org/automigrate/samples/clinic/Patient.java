package org.automigrate.samples.clinic;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** Named the Spring Boot way: no @Table or @Column names, camelCase fields become snake_case columns. */
@Entity
public class Patient {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 60)
    private String firstName;

    @Column(nullable = false, length = 60)
    private String lastName;

    private LocalDate dateOfBirth;

    @Embedded
    private ContactDetails contactDetails;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private InsuranceKind insuranceKind;

    protected Patient() {
    }

    public Patient(String firstName, String lastName, LocalDate dateOfBirth, ContactDetails contactDetails,
                   InsuranceKind insuranceKind) {
        this.firstName = firstName;
        this.lastName = lastName;
        this.dateOfBirth = dateOfBirth;
        this.contactDetails = contactDetails;
        this.insuranceKind = insuranceKind;
    }

    public Long getId() {
        return id;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public ContactDetails getContactDetails() {
        return contactDetails;
    }

    public InsuranceKind getInsuranceKind() {
        return insuranceKind;
    }
}
