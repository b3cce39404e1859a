package org.automigrate.engine.changelog;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import liquibase.change.CheckSum;
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
        return changesets(settings, listener, Map.of());
    }

    /**
     * Every changeset of the changelog in order, after checking that none the database has run was
     * edited since: {@code applied} maps {@link PendingChangeset#key()} to the checksum Liquibase stored.
     */
    public static List<PendingChangeset> changesets(ChangelogSettings settings, EngineListener listener,
                                                    Map<String, String> applied) {
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
                List<String> edited = new ArrayList<>();
                for (ChangeSet changeSet : log.getChangeSets()) {
                    PendingChangeset ref = new PendingChangeset(changeSet.getId(), changeSet.getAuthor(),
                            changeSet.getFilePath());
                    String stored = applied.get(ref.key());
                    if (stored != null && !stored.isBlank() && !changeSet.isCheckSumValid(CheckSum.parse(stored))) {
                        edited.add(ref.file() + " (changeset " + ref.id() + " by " + ref.author() + ")");
                    }
                    result.add(ref);
                }
                if (!edited.isEmpty()) {
                    throw new MigrateException(ErrorCode.CHANGELOG, "Changesets were edited after they were applied "
                            + "to this database: " + String.join(", ", edited) + ". An applied changeset must not "
                            + "change: restore it from version control (git checkout -- <file>) and put the new "
                            + "change in a new changeset. If the edit is intended and harmless (a comment, "
                            + "formatting), add 'validCheckSum: ANY' to the changeset. Nothing was changed.");
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
