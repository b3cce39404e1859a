package com.acme;

import jakarta.persistence.*;

/** The model only needs to exist: the runs are about what the build log shows. */
@Entity
public class Account {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(length = 80) String owner;
}
