package org.automigrate.engine.discovery;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitJoinTableNameSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;

/**
 * The semantics of Spring Boot's {@code SpringImplicitNamingStrategy}, without a dependency on Spring:
 * JPA-compliant names, except that a join table is named after the owning entity's table and the
 * association's property ({@code student_courses}), not after both tables ({@code student_course}).
 */
public class SpringImplicitNaming extends ImplicitNamingStrategyJpaCompliantImpl {

    @Override
    public Identifier determineJoinTableName(ImplicitJoinTableNameSource source) {
        String name = source.getOwningPhysicalTableName() + "_"
                + source.getAssociationOwningAttributePath().getProperty();
        return toIdentifier(name, source.getBuildingContext());
    }
}
