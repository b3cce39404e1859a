package org.automigrate.samples.shop;

public enum OrderStatus {
    NEW,
    PAID,
    SHIPPED,
    CANCELLED
}
