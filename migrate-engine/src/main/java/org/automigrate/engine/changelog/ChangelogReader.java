package org.automigrate.engine.changelog;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;
import liquibase.Scope;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.ChangelogSettings;

/** Reads the changesets of the master changelog (and everything it includes) with Liquibase's parser. */
public final class ChangelogReader {

    private ChangelogReader() {
    }

    /** Every changeset of the changelog in order; empty when there is no master file yet. */
    public static List<PendingChangeset> changesets(ChangelogSettings settings, EngineListener listener) {
        if (!Files.exists(settings.masterFile())) {
            return List.of();
        }
        String master = settings.logicalPath(settings.masterFile());
        try {
            return LiquibaseScope.call(settings.root(), listener, () -> {
                ResourceAccessor accessor = Scope.getCurrentScope().getResourceAccessor();
                ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(master, accessor);
                DatabaseChangeLog log = parser.parse(master, new ChangeLogParameters(), accessor);
                List<PendingChangeset> result = new ArrayList<>();
                for (ChangeSet changeSet : log.getChangeSets()) {
                    result.add(new PendingChangeset(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath()));
                }
                return result;
            });
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.CHANGELOG, "The changelog " + settings.masterFile()
                    + " cannot be read: " + e.getMessage() + ". Fix the file (it must be valid Liquibase YAML, "
                    + "XML or SQL) and run again.", e);
        }
    }
}
