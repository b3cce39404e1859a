package org.automigrate.engine.testmodel.v7;
/** v1 with a new enum constant (VIP) and customer.name renamed to full_name. */

public enum Status { ACTIVE, BLOCKED, VIP }
