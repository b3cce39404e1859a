package org.automigrate.engine.testmodel.adopt;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.persistence.*;

/** A user table as an application's own Liquibase changelog or Hibernate's ddl-auto creates it. */
@Entity
@Table(name = "jhi_user")
public class AppUser {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, length = 50) String login;
    @Column(name = "login_count") Integer loginCount;
    @Column(name = "activated", nullable = false) boolean activated;
    @Column(precision = 10, scale = 2) BigDecimal balance;
    @Column(name = "created_date") LocalDateTime createdDate;
    @Column(name = "last_modified_date") LocalDateTime lastModifiedDate;
}
