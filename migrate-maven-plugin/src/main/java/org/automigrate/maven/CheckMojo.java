package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/**
 * The CI gate: replays the whole changelog into a scratch database and fails the build when the model has
 * changes that no changeset covers (run {@code mvn migrate:diff}), when a generated changeset was edited,
 * or when the changelog does not parse. Needs no database. Bound to the {@code verify} phase.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class CheckMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        return TextReport.check(recorded(engine.check()));
    }
}
