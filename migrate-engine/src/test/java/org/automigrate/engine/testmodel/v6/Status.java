package org.automigrate.engine.testmodel.v6;

public enum Status { ACTIVE, BLOCKED }
