package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/**
 * Applies the pending changesets of the changelog, and nothing else: it never generates. For release
 * jobs. Takes the lock and a backup, verifies the database against the model when every pending
 * changeset was applied, records the run, and restores the backup when a changeset fails.
 */
@Mojo(name = "apply", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ApplyMojo extends AbstractMigrateMojo {

    /** Apply only the next N pending changesets (default: all). */
    @Parameter(property = "migrate.count")
    private Integer count;

    @Override
    protected List<String> run(Engine engine) {
        return TextReport.apply(recorded(engine.apply(count)));
    }
}
