package org.automigrate.engine.testmodel.v4;

public enum Status { ACTIVE, BLOCKED }
