package org.automigrate.engine.testmodel.adopttz;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;

import jakarta.persistence.*;

/** adopt with the creation date as an Instant: a timestamp with time zone on PostgreSQL. */
@Entity
@Table(name = "jhi_user")
public class AppUser {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, length = 50) String login;
    @Column(name = "login_count") Integer loginCount;
    @Column(name = "activated", nullable = false) boolean activated;
    @Column(precision = 10, scale = 2) BigDecimal balance;
    @Column(name = "created_date") Instant createdDate;
    @Column(name = "last_modified_date") LocalDateTime lastModifiedDate;
}
