package org.automigrate.engine.testmodel.columns;

import java.time.LocalDateTime;

import jakarta.persistence.MappedSuperclass;

@MappedSuperclass
public abstract class Stamped {
    LocalDateTime createdAt;
    String createdBy;
}
