package org.automigrate.engine.testmodel.v3;

public enum Status { ACTIVE, BLOCKED }
