package org.automigrate.engine.testmodel.reported;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Types whose declared form the report must show: precision and scale, a length, NOT NULL, a unique key. */
@Entity
@Table(name = "account")
public class Account {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(precision = 21, scale = 2, nullable = false)
    BigDecimal balance;

    @Column(length = 120, nullable = false, unique = true)
    String owner;

    LocalDateTime opened;

    boolean active;
}
