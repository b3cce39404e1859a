package org.automigrate.engine.testmodel.legacy;

/** An entity written against javax.persistence, which Hibernate 7 does not read. */
@javax.persistence.Entity
public class OldStyle {
    Long id;
}
