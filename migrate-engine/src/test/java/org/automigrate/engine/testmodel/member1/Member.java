package org.automigrate.engine.testmodel.member1;

import jakarta.persistence.*;

/** A member whose phone may be missing. */
@Entity
@Table(name = "member")
public class Member {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, length = 100) String name;
    @Column(length = 30) String phone;
}
