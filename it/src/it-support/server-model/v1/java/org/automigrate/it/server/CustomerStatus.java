package org.automigrate.it.server;

/** PostgreSQL stores it as varchar with a CHECK constraint, MariaDB as a native ENUM. */
public enum CustomerStatus {
    ACTIVE,
    BLOCKED
}
