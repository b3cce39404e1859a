package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.AutoResult;
import org.automigrate.engine.Engine;
import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.fleet.FleetGoal;
import org.automigrate.engine.fleet.FleetResult;
import org.automigrate.engine.report.TextReport;

/**
 * Brings the database in line with the entity model: discovers the models, backs up the database,
 * applies pending changesets, writes a changeset for the remaining difference into the changelog,
 * applies it, verifies the result and records the run. Destructive changes need
 * {@code -Dmigrate.allowDestructive=true}. On failure the database is left as it was.
 * Bound to the {@code process-classes} phase.
 */
@Mojo(name = "auto", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class AutoMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        AutoResult result = recorded(engine.auto());
        if (result.changelogFile() != null) {
            copyToOutput(engine.config().changelog(), result.changelogFile(), engine.config().changelog().masterFile());
        }
        return TextReport.auto(result);
    }

    @Override
    protected FleetGoal fleetGoal() {
        return FleetGoal.auto();
    }

    @Override
    protected void fleetDone(EngineConfig config, FleetResult result) {
        if (result.changelogFile() != null) {
            copyToOutput(config.changelog(), result.changelogFile(), config.changelog().masterFile());
        }
    }
}
