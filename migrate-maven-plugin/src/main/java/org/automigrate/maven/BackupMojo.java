package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/** Takes a backup of the database now (a consistent online copy) and lists its backups, newest first. */
@Mojo(name = "backup", threadSafe = true)
public class BackupMojo extends AbstractMigrateMojo {
    @Override
    protected List<String> run(Engine engine) {
        return TextReport.backup(recorded(engine.backup()));
    }
}
