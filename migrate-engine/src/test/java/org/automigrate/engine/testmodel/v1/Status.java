package org.automigrate.engine.testmodel.v1;

public enum Status { ACTIVE, BLOCKED }
