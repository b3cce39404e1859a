package org.automigrate.engine.diff;

/**
 * What {@code baseline} can adopt: a database that has every table and column the model has, in types the model
 * would not narrow (as Hibernate's {@code ddl-auto=update} leaves it). Whatever else differs (foreign keys,
 * unique constraints, indexes, checks, defaults, nullability, extra columns) is work the next {@code auto} does
 * with its usual guards, keeping every row.
 */
public final class Adoption {

    private Adoption() {
    }

    /** Whether this difference between the model and the database stops {@code baseline}. */
    public static boolean blocks(SchemaChange change) {
        if (change instanceof SchemaChange.CreateTable || change instanceof SchemaChange.AddColumn) {
            return true;
        }
        if (change instanceof SchemaChange.AlterTable alter) {
            return alter.reasons().stream().anyMatch(r -> r.startsWith("add column ") || r.contains("(narrowing"));
        }
        if (change instanceof SchemaChange.AlterColumn column) {
            return column.narrowing();
        }
        return false;
    }
}
