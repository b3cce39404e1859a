package org.automigrate.engine.config;

/**
 * The naming strategy in force for one run: which Hibernate naming classes turn the entities' names
 * into table and column names, and why these.
 *
 * @param name     {@code hibernate}, {@code spring}, {@code snake}, or {@code custom}
 * @param physical the {@code PhysicalNamingStrategy} class name; {@code null} for Hibernate's default
 * @param implicit the {@code ImplicitNamingStrategy} class name; {@code null} for Hibernate's default
 * @param reason   where the choice comes from, for the user (e.g. {@code Spring Boot 3.5.7 on the classpath})
 */
public record Naming(String name, String physical, String implicit, String reason) {
    /** Hibernate's default physical strategy: names as written. */
    public static final String HIBERNATE_PHYSICAL = "org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl";
    /** Hibernate's default implicit strategy (JPA-compliant). */
    public static final String HIBERNATE_IMPLICIT = "org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl";
    /** Spring Boot's default physical strategy since Boot 3 (camelCase to snake_case, lower case). */
    public static final String SPRING_PHYSICAL = "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy";
    /** Spring Boot's default implicit strategy (join tables named after the owning table and the property). */
    public static final String SPRING_IMPLICIT = "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy";
    /** Hibernate's snake_case physical strategy, our {@code snake}. */
    public static final String SNAKE_PHYSICAL = "org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl";

    /** Builds the naming for a pair of class names ({@code null}: Hibernate's default), naming it if it is a known pair. */
    public static Naming of(String physical, String implicit, String reason) {
        String p = HIBERNATE_PHYSICAL.equals(physical) ? null : physical;
        String i = HIBERNATE_IMPLICIT.equals(implicit) ? null : implicit;
        String name;
        if (p == null && i == null) {
            name = "hibernate";
        } else if (SPRING_PHYSICAL.equals(p) && SPRING_IMPLICIT.equals(i)) {
            name = "spring";
        } else if (SNAKE_PHYSICAL.equals(p) && i == null) {
            name = "snake";
        } else {
            name = "custom";
        }
        return new Naming(name, p, i, reason);
    }

    /** One line for the user: {@code spring (Spring Boot 3.5.7 on the classpath)}. */
    public String describe() {
        String what = "custom".equals(name)
                ? "custom: physical " + (physical == null ? "Hibernate's default" : physical)
                        + ", implicit " + (implicit == null ? "Hibernate's default" : implicit)
                : name;
        return what + " (" + reason + ")";
    }
}
