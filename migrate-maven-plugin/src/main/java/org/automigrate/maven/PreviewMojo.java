package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/**
 * Dry run of {@code migrate:auto}: shows the pending changesets that would be applied, every change the
 * model needs with the exact SQL (destructive ones marked), and anything that would stop the run.
 * Changes nothing and writes no file.
 */
@Mojo(name = "preview", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class PreviewMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        return TextReport.preview(engine.preview());
    }
}
