package com.acme.domain;

/** Mapped in META-INF/orm.xml only: no annotations. */
public class Coupon {
    Long id;
    String code;
    int percent;
}
