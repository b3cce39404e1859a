package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/**
 * Marks an existing database that already matches the model as up to date with the changelog, without
 * running it, so a team can adopt migrations on a live database. When the changelog does not cover the
 * model yet, the changeset for the rest is written first. Refuses when the database does not match.
 */
@Mojo(name = "baseline", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class BaselineMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        return TextReport.baseline(recorded(engine.baseline()));
    }
}
