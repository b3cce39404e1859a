package org.automigrate.engine.testmodel.member2;

import jakarta.persistence.*;
import org.hibernate.annotations.ColumnDefault;

/** member1 with the phone made NOT NULL, declaring the value that stands for a missing one. */
@Entity
@Table(name = "member")
public class Member {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, length = 100) String name;
    @ColumnDefault("'unknown'") @Column(nullable = false, length = 30) String phone;
}
