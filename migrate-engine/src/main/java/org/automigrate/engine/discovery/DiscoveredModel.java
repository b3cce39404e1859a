package org.automigrate.engine.discovery;

/**
 * One model class found in the project.
 *
 * @param className  fully qualified class name
 * @param kind       what the class is to JPA
 * @param table      the table it maps to ({@code null} for embeddables, mapped superclasses, converters)
 * @param sourceFile the source file, relative to the project (e.g. {@code src/main/java/shop/Customer.java}),
 *                   or the source file name as compiled into the class when the source is not found
 * @param hash       a content hash of the compiled class (12 hex digits)
 */
public record DiscoveredModel(String className, Kind kind, String table, String sourceFile, String hash) {

    /** What a model class is to JPA. */
    public enum Kind {
        ENTITY, EMBEDDABLE, MAPPED_SUPERCLASS, CONVERTER
    }

    public String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
