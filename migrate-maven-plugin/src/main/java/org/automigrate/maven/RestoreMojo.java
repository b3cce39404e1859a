package org.automigrate.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.automigrate.engine.Engine;
import org.automigrate.engine.report.TextReport;

/**
 * Replaces the database with a backup: the newest, or the one named by {@code -Dmigrate.backupFile}. The
 * current state is backed up first, so a restore can itself be undone.
 */
@Mojo(name = "restore", threadSafe = true)
public class RestoreMojo extends AbstractMigrateMojo {

    /** The backup to restore: a file name in the backup directory, or a path. Default: the newest. */
    @Parameter(property = "migrate.backupFile")
    private String backupFile;

    @Override
    protected List<String> run(Engine engine) {
        return TextReport.restore(recorded(engine.restore(backupFile)));
    }
}
