package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.fleet.FleetGoal;
import org.automigrate.engine.report.TextReport;

/**
 * Applies the pending changesets of the changelog, and nothing else: it never generates. For release
 * jobs. Takes the lock and a backup, verifies the database against the model when every pending
 * changeset was applied, and records the run; a failure undoes what the run applied.
 */
@Mojo(name = "apply", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ApplyMojo extends AbstractMigrateMojo {

    /** Apply only the pending changesets of the next N migrations, i.e. changelog files (default: all). */
    @Parameter(property = "migrate.count")
    private Integer count;

    /** Apply only the next N pending changesets, instead of {@code count} migrations. */
    @Parameter(property = "migrate.changesets")
    private Integer changesets;

    @Override
    protected List<String> run(Engine engine) {
        return TextReport.apply(recorded(engine.apply(count, changesets)));
    }

    @Override
    protected FleetGoal fleetGoal() {
        return FleetGoal.apply(count, changesets);
    }
}
