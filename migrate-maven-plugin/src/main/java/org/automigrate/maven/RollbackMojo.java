package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/**
 * Undoes the last N migrations (a migration is one changelog file: a generated file holds one run's changesets)
 * with their changesets' rollbacks, after a backup; {@code changesets} counts Liquibase changesets instead.
 * Refuses, changing nothing, when one of them has no rollback, naming its statements (use
 * {@code migrate:restore} then).
 */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends AbstractMigrateMojo {

    /** How many of the last applied migrations (changelog files) to undo; default 1. */
    @Parameter(property = "migrate.count")
    private Integer count;

    /** How many of the last applied changesets to undo, instead of {@code count} migrations. */
    @Parameter(property = "migrate.changesets")
    private Integer changesets;

    @Override
    protected List<String> run(Engine engine) {
        return TextReport.rollback(recorded(engine.rollback(count == null && changesets == null ? 1 : count,
                changesets)));
    }
}
