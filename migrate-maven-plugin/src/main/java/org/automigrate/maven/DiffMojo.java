package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/**
 * Writes the changeset for the difference between the model and the database (after the changelog's
 * pending changesets) into the changelog, for review; applies nothing. The same model and database give
 * the same file. Without a database it writes what a new database needs beyond the changelog.
 */
@Mojo(name = "diff", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DiffMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        return TextReport.diff(recorded(engine.diff()));
    }
}
