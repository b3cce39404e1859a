package org.automigrate.engine;

import java.time.Duration;
import java.util.List;

import org.automigrate.engine.config.Naming;
import org.automigrate.engine.discovery.DiscoveredModel;

/**
 * What {@code discover} found.
 *
 * @param status         {@link RunStatus#REPORTED}
 * @param models         every model class, sorted by class name
 * @param tables         every table of the model (entities, join tables, generator tables), sorted
 * @param naming         the naming strategy in force and why
 * @param elapsed        how long it took
 */
public record DiscoverResult(RunStatus status, List<DiscoveredModel> models, List<String> tables,
                             Naming naming, Duration elapsed) {
    public DiscoverResult {
        models = List.copyOf(models);
        tables = List.copyOf(tables);
    }

    public long entityCount() {
        return models.stream().filter(m -> m.kind() == DiscoveredModel.Kind.ENTITY).count();
    }
}
