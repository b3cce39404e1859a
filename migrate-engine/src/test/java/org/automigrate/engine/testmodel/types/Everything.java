package org.automigrate.engine.testmodel.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.*;

/** One column of every common Java type, for the normalisation tests: after auto, the server reports no difference. */
@Entity
@Table(name = "everything", uniqueConstraints = @UniqueConstraint(name = "uk_everything_code", columnNames = {"code", "day"}))
public class Everything {
    public enum Colour { RED, GREEN }

    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
    @Version int version;
    boolean flag;
    Boolean maybe;
    byte tiny;
    short small;
    int whole;
    long big;
    float single;
    double precise;
    @Column(precision = 10, scale = 2) BigDecimal money;
    BigInteger huge;
    @Column(length = 30, nullable = false) String code;
    @Lob String essay;
    @Column(columnDefinition = "text") String notes;
    char letter;
    LocalDate day;
    LocalTime time;
    LocalDateTime stamp;
    Instant instant;
    OffsetDateTime offsetStamp;
    UUID uuid;
    byte[] payload;
    @Enumerated(EnumType.ORDINAL) Colour ordinalColour;
    @Enumerated(EnumType.STRING) @Column(length = 10) Colour namedColour;
    @ElementCollection @CollectionTable(name = "everything_tag") List<String> tags;
    @ManyToOne(fetch = FetchType.LAZY) Everything parent;
}
