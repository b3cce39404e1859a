package org.automigrate.engine.testmodel.generators;

/** An amount in cents; stored as a whole number through {@link MoneyConverter}, which applies itself. */
public record Money(long cents) {
}
