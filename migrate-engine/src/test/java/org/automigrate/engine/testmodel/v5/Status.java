package org.automigrate.engine.testmodel.v5;

public enum Status { ACTIVE, BLOCKED }
