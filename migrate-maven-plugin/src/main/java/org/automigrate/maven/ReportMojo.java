package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.automigrate.engine.Engine;
import org.automigrate.engine.ReportResult;
import org.automigrate.engine.report.TextReport;

/**
 * Writes {@code target/migrate/schema.md}: the model as a Mermaid {@code erDiagram} (GitHub and GitLab render
 * it), the difference between model and database with its SQL, the pending changesets and the last runs.
 * Read-only. Bound to the {@code verify} phase when listed in an execution, so the report shows the state
 * after the build migrated and tested; run by hand with {@code mvn compile migrate:report}.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ReportMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        ReportResult report = recorded(engine.report());
        return List.of(TextReport.report(report, writeReport(report)));
    }
}
