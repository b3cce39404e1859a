package org.automigrate.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the Java source of a generated model of {@code n} entities in package {@code bm}: per entity
 * eight basic columns (one unique), one or two {@code @ManyToOne} to earlier entities, two {@code @Index}es
 * (one on a foreign key column), every third entity an {@code @Embedded} value (n/20 embeddable types, at
 * least 2) and every seventh a two-column unique constraint. The proportions follow a typical business model:
 * about 1.7 foreign keys, 2.1 indexes and 1.1 unique constraints per table.
 */
final class ModelGenerator {
    static final String PACKAGE = "bm";

    private ModelGenerator() {
    }

    static String entity(int i) {
        return String.format("E%04d", i);
    }

    static String table(int i) {
        return String.format("e%04d", i);
    }

    static int embeddables(int n) {
        return Math.max(2, n / 20);
    }

    /**
     * @param extraColumn when true, entity {@code n} (the last) has one more column, {@code extra}: the
     *                    model one column ahead of a database made from the base model
     */
    static Map<String, String> sources(int n, boolean extraColumn) {
        Map<String, String> sources = new LinkedHashMap<>();
        int embeddables = embeddables(n);
        for (int e = 1; e <= embeddables; e++) {
            String name = String.format("V%03d", e);
            sources.put(PACKAGE + "." + name, """
                    package bm;

                    import jakarta.persistence.Column;
                    import jakarta.persistence.Embeddable;

                    @Embeddable
                    public class %1$s {
                        @Column(length = 120) String street%2$d;
                        @Column(length = 80) String city%2$d;
                        @Column(length = 12) String zip%2$d;
                        @Column(length = 2) String country%2$d;
                    }
                    """.formatted(name, e));
        }
        for (int i = 1; i <= n; i++) {
            String name = entity(i);
            String table = table(i);
            StringBuilder fields = new StringBuilder();
            fields.append("    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;\n");
            fields.append("    @Column(nullable = false, length = 100) String name;\n");
            fields.append("    @Column(unique = true, length = 40) String code;\n");
            fields.append("    @Column(precision = 12, scale = 2) BigDecimal amount;\n");
            fields.append("    LocalDateTime createdAt;\n");
            fields.append("    @Column(nullable = false) int status;\n");
            fields.append("    boolean active;\n");
            fields.append("    @Column(length = 500) String description;\n");
            String indexes = "@Index(name = \"ix_" + table + "_name\", columnList = \"name\")";
            if (i > 1) {
                int ref1 = i - 1;
                fields.append("    @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = \"ref1_id\") ").append(entity(ref1)).append(" ref1;\n");
                indexes += ", @Index(name = \"ix_" + table + "_ref1\", columnList = \"ref1_id, status\")";
            } else {
                indexes += ", @Index(name = \"ix_" + table + "_status\", columnList = \"status, createdAt\")";
            }
            if (i > 2 && i % 3 != 0) {
                int ref2 = 1 + (i * 7) % (i - 1);
                fields.append("    @ManyToOne(fetch = FetchType.LAZY, optional = false) @JoinColumn(name = \"ref2_id\", nullable = false) ")
                        .append(entity(ref2)).append(" ref2;\n");
            }
            if (i % 3 == 0) {
                fields.append("    @Embedded ").append(String.format("V%03d", 1 + (i / 3) % embeddables))
                        .append(" address;\n");
            }
            if (extraColumn && i == n) {
                fields.append("    @Column(length = 60) String extra;\n");
            }
            String uniques = i % 7 == 0
                    ? ", uniqueConstraints = @UniqueConstraint(name = \"uk_" + table + "_name_status\", "
                    + "columnNames = {\"name\", \"status\"})" : "";
            sources.put(PACKAGE + "." + name, """
                    package bm;

                    import java.math.BigDecimal;
                    import java.time.LocalDateTime;
                    import jakarta.persistence.*;

                    @Entity
                    @Table(name = "%s", indexes = {%s}%s)
                    public class %s {
                    %s}
                    """.formatted(table, indexes, uniques, name, fields));
        }
        return sources;
    }
}
