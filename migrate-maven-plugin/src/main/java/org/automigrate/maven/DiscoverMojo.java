package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/**
 * Lists the model classes of the project (entities, embeddables, mapped superclasses, converters) with
 * their table, source file and content hash, and validates the model. Never touches the database.
 */
@Mojo(name = "discover", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DiscoverMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        return TextReport.discover(recorded(engine.discover()));
    }
}
