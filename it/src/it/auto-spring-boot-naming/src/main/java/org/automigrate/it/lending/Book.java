package org.automigrate.it.lending;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

@Entity
public class Book {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 200)
    private String bookTitle;

    private int publishedYear;

    protected Book() {
    }

    public Book(String bookTitle, int publishedYear) {
        this.bookTitle = bookTitle;
        this.publishedYear = publishedYear;
    }

    public String getBookTitle() {
        return bookTitle;
    }

    public int getPublishedYear() {
        return publishedYear;
    }
}
