package org.automigrate.it.lending;

public enum MembershipLevel {
    REGULAR,
    PREMIUM
}
