package org.automigrate.engine.testmodel.zoo;

import java.time.LocalDateTime;

import jakarta.persistence.MappedSuperclass;

@MappedSuperclass
public abstract class Audited {
    LocalDateTime createdAt;
    String createdBy;
}
