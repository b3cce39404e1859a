package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.fleet.FleetGoal;
import org.automigrate.engine.report.TextReport;

/** Fails when the configured database differs from the model (drift), listing every difference. Read-only. */
@Mojo(name = "verify", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class VerifyMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        return TextReport.verify(recorded(engine.verify()));
    }

    @Override
    protected FleetGoal fleetGoal() {
        return FleetGoal.verify();
    }
}
