package org.automigrate.maven;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.fleet.FleetGoal;
import org.automigrate.engine.ReportResult;
import org.automigrate.engine.report.TextReport;

/**
 * Dry run of {@code migrate:auto}: shows the pending changesets that would be applied, every change the
 * model needs with the exact SQL (destructive ones marked), and anything that would stop the run.
 * Changes nothing; writes only its result (and, with {@code report}, the Markdown report) under
 * {@code target/migrate}.
 */
@Mojo(name = "preview", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class PreviewMojo extends AbstractMigrateMojo {
    /** Also write the Markdown report of {@code migrate:report} ({@code target/migrate/schema.md}), e.g. for a PR. */
    @Parameter(property = "migrate.report", defaultValue = "false")
    private boolean report;

    @Override
    protected List<String> run(Engine engine) {
        if (!report) {
            return TextReport.preview(recorded(engine.preview()));
        }
        ReportResult result = engine.report();
        List<String> lines = new ArrayList<>(TextReport.preview(recorded(result.preview())));
        lines.add(TextReport.report(result, writeReport(result)));
        return lines;
    }

    /** Across many databases without the Markdown report, which describes one database. */
    @Override
    protected FleetGoal fleetGoal() {
        return report ? null : FleetGoal.preview();
    }
}
