package org.automigrate.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;
import org.automigrate.engine.Engine;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.ReportResult;
import org.automigrate.engine.report.HtmlReport;
import org.automigrate.engine.report.TextReport;

/**
 * The {@code mvn site} report: a page {@code automigrate.html} under "Project Reports" with the model as a
 * diagram (SVG, no JavaScript), the differences between the model and the database with their SQL, the pending
 * changesets and the recent runs, as tables. List the plugin in the pom's {@code <reporting>}. Run alone
 * ({@code mvn migrate:site-report}) it writes the same page, without the site's frame, to
 * {@code target/site/automigrate.html}. Read-only; compiles the project first.
 */
@Mojo(name = "site-report", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
@Execute(phase = LifecyclePhase.COMPILE)
public class SiteReportMojo extends AbstractMigrateMojo implements MavenReport {
    static final String OUTPUT_NAME = "automigrate";

    /** Where the page is written; {@code mvn site} sets its own output directory. */
    @Parameter(defaultValue = "${project.reporting.outputDirectory}", required = true)
    private File reportOutputDirectory;

    @Override
    protected List<String> run(Engine engine) {
        ReportResult report = recorded(engine.report());
        Path file = reportOutputDirectory.toPath().resolve(OUTPUT_NAME + ".html");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, scrubbed(HtmlReport.page(report)));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot write the report " + file + ": " + e.getMessage()
                    + ". Check that the build directory is writable.", e);
        }
        return List.of(TextReport.report(report, file));
    }

    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        String body;
        try {
            ReportResult report = callEngine(Engine::report);
            body = scrubbed(HtmlReport.body(report));
            getLog().info(TextReport.report(report, reportOutputDirectory.toPath().resolve(getOutputPath() + ".html")));
        } catch (MigrateException e) {
            throw new MavenReportException("The Automigrate site report failed: " + scrubbed(String.valueOf(e.getMessage())),
                    e.code().userFixable() ? null : e);
        }
        sink.head();
        sink.title();
        sink.text(getName(locale));
        sink.title_();
        sink.head_();
        sink.body();
        sink.rawText(body);
        sink.body_();
        sink.flush();
    }

    @Override
    String goal() {
        return "site-report";
    }

    @Override
    public String getOutputName() {
        return OUTPUT_NAME;
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
    }

    @Override
    public String getName(Locale locale) {
        return "Database schema";
    }

    @Override
    public String getDescription(Locale locale) {
        return "The JPA model's tables as a diagram, the differences between the model and the database, pending "
                + "changesets and recent migrations (Automigrate).";
    }

    @Override
    public void setReportOutputDirectory(File directory) {
        this.reportOutputDirectory = directory;
    }

    @Override
    public File getReportOutputDirectory() {
        return reportOutputDirectory;
    }

    @Override
    public boolean isExternalReport() {
        return false;
    }

    @Override
    public boolean canGenerateReport() {
        if (skipped()) {
            getLog().info("Skipping the Automigrate site report: migrate.skip is set");
        }
        return !skipped() && !pomModule();
    }
}
