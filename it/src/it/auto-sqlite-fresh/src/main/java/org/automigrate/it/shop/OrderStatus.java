package org.automigrate.it.shop;

public enum OrderStatus {
    NEW,
    PAID,
    SHIPPED,
    CANCELLED
}
