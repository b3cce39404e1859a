package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.fleet.FleetGoal;
import org.automigrate.engine.report.TextReport;

/**
 * Shows the state of the database against the model and the changelog: whether it exists, the model's
 * size, applied and pending changesets, every difference (destructive ones marked), the last backup and
 * the last run. Read-only.
 */
@Mojo(name = "status", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class StatusMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        return TextReport.status(recorded(engine.status()));
    }

    @Override
    protected FleetGoal fleetGoal() {
        return FleetGoal.status();
    }
}
