package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.fleet.FleetGoal;
import org.automigrate.engine.report.TextReport;

/**
 * Lists the recorded migration runs, newest first: when, what, the model files involved, the backup taken
 * and, for failed runs, the error. Read-only.
 */
@Mojo(name = "history", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class HistoryMojo extends AbstractMigrateMojo {

    /** How many runs to show, newest first. 0 shows all. */
    @Parameter(property = "migrate.limit", defaultValue = "20")
    private int limit;

    @Override
    protected List<String> run(Engine engine) {
        return TextReport.history(recorded(engine.history(limit)));
    }

    @Override
    protected FleetGoal fleetGoal() {
        return FleetGoal.history(limit);
    }
}
