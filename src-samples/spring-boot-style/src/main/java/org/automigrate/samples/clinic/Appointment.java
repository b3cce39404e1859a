package org.automigrate.samples.clinic;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Appointment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    private Patient patient;

    @ManyToOne(optional = false)
    private Doctor attendingDoctor;

    @Column(nullable = false)
    private LocalDateTime startsAt;

    private int durationMinutes;

    protected Appointment() {
    }

    public Appointment(Patient patient, Doctor attendingDoctor, LocalDateTime startsAt, int durationMinutes) {
        this.patient = patient;
        this.attendingDoctor = attendingDoctor;
        this.startsAt = startsAt;
        this.durationMinutes = durationMinutes;
    }

    public Patient getPatient() {
        return patient;
    }

    public Doctor getAttendingDoctor() {
        return attendingDoctor;
    }

    public LocalDateTime getStartsAt() {
        return startsAt;
    }

    public int getDurationMinutes() {
        return durationMinutes;
    }
}
