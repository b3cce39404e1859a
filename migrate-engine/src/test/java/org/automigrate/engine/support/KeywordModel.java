package org.automigrate.engine.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entities of the keyword tests ({@code ReservedWordsIT}, {@code ServerReservedWordsIT}): classes in package
 * {@code kw} whose tables and columns are SQL keywords, compiled from their fields and table annotations. The
 * entity {@code Key} takes its ids from a sequence named {@code "index"}, every other entity's id is declared by
 * {@code id}.
 */
public final class KeywordModel {
    private final EntityFields fields = new EntityFields();
    private final Map<String, String> tables = new LinkedHashMap<>();
    private final String id;

    /** @param id the id field of every entity but {@code Key} */
    public KeywordModel(String id) {
        this.id = id;
    }

    public EntityFields fields() {
        return fields;
    }

    /** An entity whose table is the quoted keyword {@code table}. */
    public void entity(String name, String table, String... entityFields) {
        fields.entity(name, entityFields);
        table(name, "\"\\\"" + table + "\\\"\"");
    }

    /** The {@code @Table} attributes of an entity, as Java source ({@code name = ...} and more). */
    public void table(String name, String attributes) {
        tables.put(name, attributes);
    }

    public void remove(String name) {
        fields.remove(name);
        tables.remove(name);
    }

    /** Compiles the entities as they are now into {@code outDir}. */
    public Path compile(Path outDir) {
        Map<String, String> sources = new LinkedHashMap<>();
        fields.forEach((name, entityFields) -> sources.put("kw." + name, """
                package kw;

                import jakarta.persistence.*;

                @Entity
                @Table(name = %s)
                public class %s {
                    %s
                    %s
                }
                """.formatted(tables.get(name), name, name.equals("Key")
                        ? "@Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = \"keys\") "
                                + "@SequenceGenerator(name = \"keys\", sequenceName = \"\\\"index\\\"\", allocationSize = 1) Long id;"
                        : id,
                String.join("\n    ", entityFields))));
        return ModelCompiler.compile(sources, outDir);
    }
}
