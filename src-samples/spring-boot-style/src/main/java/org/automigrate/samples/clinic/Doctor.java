package org.automigrate.samples.clinic;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

@Entity
public class Doctor {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 120)
    private String fullName;

    @Column(nullable = false, unique = true, length = 20)
    private String licenceNumber;

    /** Spring Boot names the join table doctor_medical_specialities (owning table + property), JPA doctor_speciality. */
    @ManyToMany
    private Set<Speciality> medicalSpecialities = new HashSet<>();

    protected Doctor() {
    }

    public Doctor(String fullName, String licenceNumber) {
        this.fullName = fullName;
        this.licenceNumber = licenceNumber;
    }

    public Long getId() {
        return id;
    }

    public String getFullName() {
        return fullName;
    }

    public Set<Speciality> getMedicalSpecialities() {
        return medicalSpecialities;
    }
}
