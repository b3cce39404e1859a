package org.automigrate.engine.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The field declarations of a model written as source at test time ({@link ModelCompiler}), entity by entity,
 * for tests that walk a model through versions: each step adds, replaces or removes a declaration.
 */
public final class EntityFields {
    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    public void entity(String name, String... declarations) {
        fields.put(name, new ArrayList<>(List.of(declarations)));
    }

    public void remove(String entity) {
        fields.remove(entity);
    }

    public void add(String entity, String declaration) {
        fields.get(entity).add(declaration);
    }

    /** Replaces the declaration that ends with {@code declarationEnd} (e.g. {@code "String name;"}). */
    public void replace(String entity, String declarationEnd, String replacement) {
        List<String> list = fields.get(entity);
        list.set(indexOf(list, declarationEnd), replacement);
    }

    public void removeField(String entity, String declarationEnd) {
        List<String> list = fields.get(entity);
        list.remove(indexOf(list, declarationEnd));
    }

    /** Each entity with its declarations, in the order the entities were added. */
    public void forEach(BiConsumer<String, List<String>> action) {
        fields.forEach(action);
    }

    private static int indexOf(List<String> list, String declarationEnd) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).endsWith(declarationEnd)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no field " + declarationEnd + " in " + list);
    }
}
