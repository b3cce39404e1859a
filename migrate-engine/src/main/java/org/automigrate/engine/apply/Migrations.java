package org.automigrate.engine.apply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.automigrate.engine.changelog.PendingChangeset;

/**
 * Migrations as users count them: one changelog file is one migration (a generated file holds one run's
 * changesets; a teammate's file is one change of theirs), while Liquibase counts changesets. Turns a number of
 * migrations into the number of changesets Liquibase's {@code update-count} or {@code rollback-count} takes.
 */
public final class Migrations {
    private Migrations() {
    }

    /** How many pending changesets the first {@code migrations} files with pending changesets hold. */
    public static int pendingChangesets(List<PendingChangeset> pending, int migrations) {
        Set<String> files = new LinkedHashSet<>();
        int changesets = 0;
        for (PendingChangeset changeset : pending) {
            files.add(fileOf(changeset.key()));
            if (files.size() > migrations) {
                break;
            }
            changesets++;
        }
        return changesets;
    }

    /**
     * The applied changesets of the last {@code migrations} files, newest first, as Liquibase rolls them back:
     * the newest applied changesets up to the first one of a file beyond those.
     */
    public static List<AppliedChangesets.Row> lastApplied(List<AppliedChangesets.Row> applied, int migrations) {
        Set<String> files = new LinkedHashSet<>();
        List<AppliedChangesets.Row> last = new ArrayList<>();
        for (int i = applied.size() - 1; i >= 0; i--) {
            files.add(fileOf(applied.get(i).key()));
            if (files.size() > migrations) {
                break;
            }
            last.add(applied.get(i));
        }
        return last;
    }

    /** The files of changesets ({@code file::id::author} keys), in the order given, each once. */
    public static List<String> files(List<String> keys) {
        Set<String> files = new LinkedHashSet<>();
        keys.forEach(k -> files.add(fileOf(k)));
        return List.copyOf(files);
    }

    private static String fileOf(String key) {
        int end = key.indexOf("::");
        return end < 0 ? key : key.substring(0, end);
    }
}
