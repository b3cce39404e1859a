package org.automigrate.samples.clinic;

public enum InsuranceKind {
    PUBLIC,
    PRIVATE,
    SELF_PAYING
}
