package org.automigrate.engine.changelog;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import liquibase.ChecksumVersion;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;
import liquibase.Scope;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.ChangelogSettings;

/** Reads the changesets of the master changelog (and everything it includes) with Liquibase's parser. */
public final class ChangelogReader {

    /** The word that starts a seal comment. */
    public static final String SEAL_WORD = "automigrate-checksum";

    /**
     * The line that seals a generated changeset's content, as a comment of the file's format:
     * {@code # automigrate-checksum <id> <checksum>} (YAML), {@code -- ...} (SQL), {@code <!-- ... -->} (XML).
     */
    public static final java.util.regex.Pattern SEAL = java.util.regex.Pattern.compile(
            "^(?:#|--|<!--) " + SEAL_WORD + " (\\S+) (\\S+)(?: -->)?$", java.util.regex.Pattern.MULTILINE);

    private ChangelogReader() {
    }

    /** What to do with a parsed changelog, inside Liquibase's scope. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(DatabaseChangeLog log) throws Exception;
    }

    /** Parses a changelog file (with what it includes) and reads it; a file Liquibase rejects is a CHANGELOG error. */
    private static <T> T parse(ChangelogSettings settings, java.nio.file.Path file, EngineListener listener,
                               Reading<T> reading) {
        String logical = settings.logicalPath(file);
        try {
            return LiquibaseScope.call(settings.root(), listener, () -> {
                ResourceAccessor accessor = Scope.getCurrentScope().getResourceAccessor();
                return reading.read(ChangeLogParserFactory.getInstance().getParser(logical, accessor)
                        .parse(logical, new ChangeLogParameters(), accessor));
            });
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.CHANGELOG, "The changelog " + file + " cannot be read: "
                    + e.getMessage() + ". Fix the file (it must be valid Liquibase YAML, XML or SQL) and run again.", e);
        }
    }

    /** The checksum Liquibase computes for each changeset of one changelog file, by changeset id. */
    public static Map<String, String> checksums(ChangelogSettings settings, java.nio.file.Path file,
                                                EngineListener listener) {
        return parse(settings, file, listener, log -> {
            Map<String, String> result = new java.util.LinkedHashMap<>();
            for (ChangeSet changeSet : log.getChangeSets()) {
                result.put(changeSet.getId(), changeSet.generateCheckSum(ChecksumVersion.latest()).toString());
            }
            return result;
        });
}

    /**
     * Generated changesets carry a seal with their checksum; one whose content no longer matches it was
     * edited after it was generated. Returns a description of each such changeset.
     */
    public static List<String> brokenSeals(ChangelogSettings settings, EngineListener listener) {
        List<String> broken = new ArrayList<>();
        java.nio.file.Path dir = settings.changesDirectory();
        if (!Files.isDirectory(dir)) {
            return broken;
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(dir)) {
            for (java.nio.file.Path file : files.sorted().toList()) {
                java.util.regex.Matcher seal = SEAL.matcher(Files.readString(file));
                Map<String, String> sealed = new java.util.LinkedHashMap<>();
                while (seal.find()) {
                    sealed.put(seal.group(1), seal.group(2));
                }
                if (sealed.isEmpty()) {
                    continue;
                }
                Map<String, String> actual = checksums(settings, file, listener);
                sealed.forEach((id, checksum) -> {
                    if (!checksum.equals(actual.get(id))) {
                        broken.add(settings.logicalPath(file) + " (changeset " + id + ")");
                    }
                });
            }
        } catch (java.io.IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot read the changelog directory " + dir + ": "
                    + e.getMessage(), e);
        }
        return broken;
    }

    /**
     * Of the given changesets ({@link PendingChangeset#key()}s), those that cannot be undone: no rollback
     * block, and a change Liquibase cannot invert by itself.
     */
    public static List<String> withoutRollback(ChangelogSettings settings, EngineListener listener,
                                               java.util.Set<String> keys) {
        return parse(settings, settings.masterFile(), listener, log -> {
            liquibase.database.Database sqlite = new liquibase.database.core.SQLiteDatabase();
            List<String> result = new ArrayList<>();
            for (ChangeSet changeSet : log.getChangeSets()) {
                PendingChangeset ref = new PendingChangeset(changeSet.getId(), changeSet.getAuthor(),
                        changeSet.getFilePath());
                boolean undoable = !changeSet.getRollback().getChanges().isEmpty()
                        || changeSet.getChanges().stream().allMatch(c -> c.supportsRollback(sqlite));
                if (keys.contains(ref.key()) && !undoable) {
                    List<String> statements = changeSet.getChanges().stream().filter(c -> !c.supportsRollback(sqlite))
                            .map(ChangelogReader::statement).toList();
                    result.add(ref.file() + "::" + ref.id() + " has no rollback for " + String.join(", ", statements)
                            + (statements.stream().anyMatch(t -> t.toLowerCase(java.util.Locale.ROOT).contains("drop "))
                            ? " (what a DROP removed cannot be brought back with its data)" : ""));
                }
            }
            return result;
        });
}

    /** A change in a few words: the first line of its SQL, or what Liquibase calls it. */
    private static String statement(liquibase.change.Change change) {
        String text = change instanceof liquibase.change.core.RawSQLChange sql && sql.getSql() != null
                ? sql.getSql().strip().lines().findFirst().orElse("")
                : change.getSerializedObjectName() + " " + change.getDescription();
        return "`" + (text.length() > 100 ? text.substring(0, 97) + "..." : text) + "`";
    }

    /**
     * The pending changesets with what each drops of the data in {@code live} (see {@link PendingDrops}), so
     * that a pending changeset is guarded as a generated change is.
     *
     * @param narrows   whether a change from the first normalised type to the second can lose data
     * @param normalize a declared type in the spelling {@code narrows} compares
     */
    public static List<PendingChangeset> classify(ChangelogSettings settings, EngineListener listener,
                                                  List<PendingChangeset> pending, org.automigrate.engine.schema.DbSchema live,
                                                  java.util.function.BiPredicate<String, String> narrows,
                                                  java.util.function.UnaryOperator<String> normalize) {
        if (pending.isEmpty() || live.tables().isEmpty() || !Files.exists(settings.masterFile())) {
            return pending;
        }
        PendingDrops drops = new PendingDrops(live, narrows, normalize);
        Map<String, List<String>> byKey = parse(settings, settings.masterFile(), listener, log -> {
            Map<String, List<String>> result = new java.util.HashMap<>();
            for (ChangeSet changeSet : log.getChangeSets()) {
                result.put(new PendingChangeset(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath()).key(),
                        drops.of(changeSet.getChanges()));
            }
            return result;
        });
        return pending.stream().map(p -> p.withDrops(byKey.getOrDefault(p.key(), List.of()))).toList();
    }

    /** The keys ({@link PendingChangeset#key()}) of the changesets that run outside a transaction. */
    public static java.util.Set<String> nonTransactional(ChangelogSettings settings, EngineListener listener) {
        if (!java.nio.file.Files.exists(settings.masterFile())) {
            return java.util.Set.of();
        }
        return parse(settings, settings.masterFile(), listener, log -> {
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (ChangeSet changeSet : log.getChangeSets()) {
                if (!changeSet.isRunInTransaction()) {
                    keys.add(new PendingChangeset(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath()).key());
                }
            }
            return keys;
        });
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
        return parse(settings, settings.masterFile(), listener, log -> {
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
}

    /** What Automigrate writes at the top of its files: only those are checked for the database they were written for. */
    private static final List<String> OWN_FILE_MARKERS = List.of("Generated by Automigrate from the JPA model",
            "A hand-written changeset, created by mvn migrate:new");
    private static final java.util.regex.Pattern DBMS = java.util.regex.Pattern.compile(
            "dbms(?::[ \\t]*|=\")\"?([A-Za-z0-9_,]+)");

    /**
     * The files Automigrate wrote into the changelog for another kind of database than {@code kind}, by that kind:
     * their {@code dbms} attribute names only other databases, so Liquibase would skip them on this one and the
     * changelog would not describe its schema. A text scan (no Liquibase): it runs before every goal.
     */
    public static Map<org.automigrate.engine.db.DatabaseKind, List<String>> writtenForOtherDatabases(
            ChangelogSettings settings, org.automigrate.engine.db.DatabaseKind kind) {
        Map<org.automigrate.engine.db.DatabaseKind, List<String>> others = new java.util.TreeMap<>();
        java.nio.file.Path dir = settings.directory();
        if (!Files.isDirectory(dir)) {
            return others;
        }
        List<java.nio.file.Path> files;
        try (java.util.stream.Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.(yaml|yml|xml|sql)$")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot list the changelog directory " + dir + ": "
                    + e.getMessage() + ". Check its permissions.", e);
        }
        for (java.nio.file.Path file : files) {
            String text;
            try {
                text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                continue; // not ours to judge: Liquibase reports a file it cannot read
            }
            if (OWN_FILE_MARKERS.stream().noneMatch(text::contains)) {
                continue;
            }
            java.util.regex.Matcher m = DBMS.matcher(text);
            while (m.find()) {
                List<org.automigrate.engine.db.DatabaseKind> named = java.util.Arrays.stream(m.group(1).split(","))
                        .map(org.automigrate.engine.db.DatabaseKind::ofLiquibaseName)
                        .flatMap(java.util.Optional::stream).distinct().toList();
                if (!named.isEmpty() && !named.contains(kind)) {
                    others.computeIfAbsent(named.get(0), k -> new ArrayList<>()).add(dir.relativize(file).toString());
                    break;
                }
            }
        }
        return others;
    }
}
