package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/**
 * Undoes the last N applied changesets with their rollbacks, after a backup. Refuses, changing nothing,
 * when one of them has no rollback (use {@code migrate:restore} then).
 */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends AbstractMigrateMojo {

    /** How many of the last applied changesets to undo. */
    @Parameter(property = "migrate.count", defaultValue = "1")
    private int count;

    @Override
    protected List<String> run(Engine engine) {
        return TextReport.rollback(recorded(engine.rollback(count)));
    }
}
