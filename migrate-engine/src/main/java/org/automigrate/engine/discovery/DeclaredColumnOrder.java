package org.automigrate.engine.discovery;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.MappingException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.relational.ColumnOrderingStrategy;
import org.hibernate.dialect.temptable.TemporaryTableColumn;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.Constraint;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UserDefinedObjectType;
import org.hibernate.mapping.Value;

/**
 * Columns of an entity's table in the order the entity declares them: the key first, then the fields
 * of the topmost superclass down to the entity's own (single-table subclasses after their root), an
 * embedded object's fields in its place. Hibernate 7's own order (by type and size, then by name) breaks the
 * positional {@code INSERT}s of many {@code data.sql} files. Columns this cannot place (a discriminator,
 * a secondary table's) follow in Hibernate's binding order; tables of no entity (collection and join
 * tables) keep their binding order.
 */
public final class DeclaredColumnOrder implements ColumnOrderingStrategy {

    @Override
    public List<Column> orderTableColumns(Table table, Metadata metadata) {
        List<PersistentClass> owners = new ArrayList<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (entity.getTable() == table) {
                owners.add(entity);
            }
        }
        if (owners.isEmpty()) {
            return null;
        }
        owners.sort((a, b) -> Integer.compare(depth(a), depth(b)));
        Set<Column> ordered = new LinkedHashSet<>(owners.get(0).getKey().getColumns());
        for (PersistentClass owner : owners) {
            Map<String, Property> properties = new LinkedHashMap<>();
            owner.getProperties().forEach(p -> properties.put(p.getName(), p));
            addInDeclaredOrder(ordered, table, properties, mappedClass(owner));
        }
        ordered.retainAll(table.getColumns());
        ordered.addAll(table.getColumns());
        return new ArrayList<>(ordered);
    }

    private static void addInDeclaredOrder(Set<Column> ordered, Table table, Map<String, Property> properties,
                                           Class<?> type) {
        for (String field : declaredFields(type)) {
            Property property = properties.remove(field);
            if (property != null) {
                add(ordered, table, property);
            }
        }
        properties.values().forEach(p -> add(ordered, table, p));
    }

    private static void add(Set<Column> ordered, Table table, Property property) {
        Value value = property.getValue();
        if (value instanceof Component component && !component.getProperties().isEmpty()) {
            Map<String, Property> parts = new LinkedHashMap<>();
            component.getProperties().forEach(p -> parts.put(p.getName(), p));
            Class<?> type;
            try {
                type = component.getComponentClass();
            } catch (MappingException | UnsupportedOperationException e) {
                type = null;
            }
            addInDeclaredOrder(ordered, table, parts, type);
        } else if (value.getTable() == table) {
            ordered.addAll(value.getColumns());
        }
    }

    /** Field names from the topmost superclass down, each class's in declaration order. */
    private static List<String> declaredFields(Class<?> type) {
        Deque<Class<?>> hierarchy = new ArrayDeque<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.push(c);
        }
        List<String> names = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            for (Field field : c.getDeclaredFields()) {
                names.add(field.getName());
            }
        }
        return names;
    }

    private static Class<?> mappedClass(PersistentClass entity) {
        try {
            return entity.getMappedClass();
        } catch (MappingException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static int depth(PersistentClass entity) {
        int depth = 0;
        for (PersistentClass c = entity.getSuperclass(); c != null; c = c.getSuperclass()) {
            depth++;
        }
        return depth;
    }

    @Override
    public List<Column> orderConstraintColumns(Constraint constraint, Metadata metadata) {
        return null;
    }

    @Override
    public List<Column> orderUserDefinedTypeColumns(UserDefinedObjectType userDefinedType, Metadata metadata) {
        return null;
    }

    @Override
    public void orderTemporaryTableColumns(List<TemporaryTableColumn> temporaryTableColumns, Metadata metadata) {
        // temporary tables are Hibernate's own, created at run time: their order does not matter
    }
}
