package org.automigrate.it.merged;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** The model after the merge: tag comes from one branch, rating from the other. */
@Entity
public class Book {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 200)
    private String title;

    // branch feature/tags
    @Column(length = 40)
    private String tag;

    // branch feature/ratings
    private Integer rating;
}
