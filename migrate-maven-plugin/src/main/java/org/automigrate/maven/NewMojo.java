package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/**
 * Writes an empty changeset for a hand-written (data) migration, named by {@code -Dmigrate.message}, and
 * includes it from the master changelog. It refuses to run until it is written (a HALT precondition).
 */
@Mojo(name = "new", threadSafe = true)
public class NewMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        return TextReport.newChangeset(recorded(engine.newChangeset()));
    }
}
