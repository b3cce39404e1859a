package org.automigrate.it.lending;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/** No @Table, no @Column names, no @JoinTable: every name comes from the naming strategy. */
@Entity
public class LibraryMember {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 60)
    private String firstName;

    @Column(nullable = false, length = 60)
    private String lastName;

    @Embedded
    private PostalAddress homeAddress;

    @Enumerated(EnumType.STRING)
    private MembershipLevel membershipLevel;

    @ManyToMany
    private Set<Book> borrowedBooks = new HashSet<>();

    protected LibraryMember() {
    }

    public LibraryMember(String firstName, String lastName, PostalAddress homeAddress, MembershipLevel level) {
        this.firstName = firstName;
        this.lastName = lastName;
        this.homeAddress = homeAddress;
        this.membershipLevel = level;
    }

    public Long getId() {
        return id;
    }

    public PostalAddress getHomeAddress() {
        return homeAddress;
    }

    public MembershipLevel getMembershipLevel() {
        return membershipLevel;
    }

    public Set<Book> getBorrowedBooks() {
        return borrowedBooks;
    }
}
