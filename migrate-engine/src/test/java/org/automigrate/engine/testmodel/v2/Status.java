package org.automigrate.engine.testmodel.v2;

public enum Status { ACTIVE, BLOCKED }
