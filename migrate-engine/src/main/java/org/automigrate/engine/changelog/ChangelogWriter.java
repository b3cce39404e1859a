package org.automigrate.engine.changelog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.ChangelogFormat;
import org.automigrate.engine.config.ChangelogSettings;
import org.automigrate.engine.db.DatabaseKind;

/**
 * Writes a generated changeset as a new file under {@code changes/}, in the configured format (YAML, XML
 * or formatted SQL), and includes it from the YAML master changelog. File names are
 * {@code NNNN_<description>.<yaml|xml|sql>}, numbered after the highest number
 * present, so they sort in the order they were written; the content depends only on the changes, so
 * the same model and database give the same file.
 */
public final class ChangelogWriter {
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{4,})_.*\\.(yaml|yml|xml|sql)$");
    private static final String MASTER_HEADER = "# Liquibase master changelog. Automigrate adds one include per generated change;\n"
            + "# hand-written changesets can be included here too.\n"
            + "databaseChangeLog:\n";

    /** What a write did, so that it can be undone when the run fails. */
    public record Written(Path file, String changesetId, String logicalPath, Path master, String previousMaster) {
    }

    private final ChangelogSettings settings;
    private final String dbms;

    /** A writer whose changesets name no database ({@code dbms}): they run on any. */
    public ChangelogWriter(ChangelogSettings settings) {
        this(settings, null);
    }

    /** A writer whose changesets say, in Liquibase's {@code dbms} attribute, the kind they were written for. */
    public ChangelogWriter(ChangelogSettings settings, DatabaseKind kind) {
        this.settings = settings;
        this.dbms = kind == null ? null : kind.liquibaseNames();
    }

    /** The id (and file base name) the next changeset gets. */
    public String nextId(String description) {
        int highest = 0;
        Path dir = settings.changesDirectory();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Matcher m = NUMBERED.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        highest = Math.max(highest, Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.IO, "Cannot list the changelog directory " + dir + ": "
                        + e.getMessage(), e);
            }
        }
        return String.format(Locale.ROOT, "%04d_%s", highest + 1, slug(description));
    }

    public Written write(String id, String description, List<RenderedChange> changes) {
        return writeFile(id, render(settings.format(), id, settings.author(), description, changes, dbms));
    }

    private Path fileOf(String id) {
        return settings.changesDirectory().resolve(id + "." + settings.format().extension());
    }

    private Written writeFile(String id, String text) {
        Path file = fileOf(id);
        Path master = settings.masterFile();
        try {
            Files.createDirectories(file.getParent());
            String previous = Files.exists(master) ? Files.readString(master, StandardCharsets.UTF_8) : null;
            Files.writeString(file, text, StandardCharsets.UTF_8);
            String logical = settings.logicalPath(file);
            String include = "  - include:\n      file: " + logical + "\n";
            String content;
            if (previous == null || previous.isBlank()) {
                content = MASTER_HEADER + include;
            } else {
                content = previous + (previous.endsWith("\n") ? "" : "\n") + include;
            }
            Files.writeString(master, content, StandardCharsets.UTF_8);
            return new Written(file, id, logical, master, previous);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot write the changelog " + file + ": " + e.getMessage()
                    + ". Check that " + settings.directory() + " is writable (or set <changelogDirectory>).", e);
        }
    }

    /** Writes an empty changeset for a hand-written migration, which refuses to run until it is written. */
    public Written writeTemplate(String id, String description) {
        ChangesetSyntax syntax = ChangesetSyntax.of(settings.format());
        String logical = settings.logicalPath(fileOf(id));
        String remove = syntax.preconditionName();
        GeneratedChangeset template = new GeneratedChangeset(id, settings.author(), description, true,
                List.of(new GeneratedChangeset.Statement(null,
                        "-- for example: update customer set status = 'ACTIVE' where status is null\nselect 1")),
                List.of("-- how to undo it\nselect 1"),
                "Write the migration in " + logical + " and delete " + remove + " first", dbms);
        String text = syntax.prolog()
                + syntax.comment("A hand-written changeset, created by mvn migrate:new. Write the migration below (any SQL,")
                + syntax.comment("or other Liquibase change types), give it a rollback, then delete " + remove + ":")
                + syntax.comment("until then it stops every run that would apply it, so an empty template is never recorded")
                + syntax.comment("as applied. auto and apply run it like any other changeset, in file order.")
                + syntax.changesets(List.of(template));
        return writeFile(id, text);
    }

    /** Puts a seal with each changeset's checksum at the top of a generated file, so edits can be detected. */
    public void seal(Written written, Map<String, String> checksums) {
        ChangesetSyntax syntax = ChangesetSyntax.of(settings.format());
        try {
            StringBuilder seals = new StringBuilder();
            checksums.forEach((id, checksum) -> seals.append(syntax.comment(ChangelogReader.SEAL_WORD + " " + id
                    + " " + checksum)));
            seals.append(syntax.comment("(mvn migrate:check fails if the changesets are edited; delete these lines "
                    + "to accept an edit)"));
            Files.writeString(written.file(), syntax.afterProlog(Files.readString(written.file(),
                    StandardCharsets.UTF_8), seals.toString()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot write the changelog " + written.file() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Removes a written changeset and restores the master file as it was. */
    public void revert(Written written) {
        try {
            Files.deleteIfExists(written.file());
            if (written.previousMaster() == null) {
                Files.deleteIfExists(written.master());
            } else {
                Files.writeString(written.master(), written.previousMaster(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot remove the changelog " + written.file()
                    + " after the failed run: " + e.getMessage() + ". Delete it and its include in "
                    + written.master() + " by hand.", e);
        }
    }

    /** The YAML of one generated file; see {@link #render(ChangelogFormat, String, String, String, List)}. */
    public static String render(String id, String author, String description, List<RenderedChange> changes) {
        return render(ChangelogFormat.YAML, id, author, description, changes);
    }

    /**
     * The text of one generated file: pure, the same input gives the same text. Changes run in one
     * transactional changeset, except table rebuilds, which manage their own transaction, and changes that
     * cannot be undone: each gets a changeset of its own ({@code <id>-2}, {@code <id>-3}, ...), in order, so
     * that every other change keeps its rollback.
     */
    public static String render(ChangelogFormat format, String id, String author, String description,
                                List<RenderedChange> changes) {
        return render(format, id, author, description, changes, null);
    }

    /** As {@link #render(ChangelogFormat, String, String, String, List)}, each changeset marked for {@code dbms}. */
    public static String render(ChangelogFormat format, String id, String author, String description,
                                List<RenderedChange> changes, String dbms) {
        ChangesetSyntax syntax = ChangesetSyntax.of(format);
        List<List<RenderedChange>> groups = new ArrayList<>();
        for (RenderedChange change : changes) {
            List<RenderedChange> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            // a change without a rollback gets a changeset of its own, so the others keep theirs
            if (last != null && change.transactional() && last.get(0).transactional() && change.rollback() != null
                    && last.stream().allMatch(c -> c.rollback() != null)) {
                last.add(change);
            } else {
                groups.add(new ArrayList<>(List.of(change)));
            }
        }
        if (groups.isEmpty()) {
            groups.add(List.of());
        }
        List<GeneratedChangeset> changesets = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<RenderedChange> group = groups.get(i);
            boolean transactional = group.isEmpty() || group.get(0).transactional();
            String comment = groups.size() == 1 ? description
                    : transactional ? description + " (part " + (i + 1) + " of " + groups.size() + ")"
                    : capitalized(group.get(0).change().description());
            changesets.add(changeset(i == 0 ? id : id + "-" + (i + 1), author, comment, transactional, group, dbms));
        }
        return syntax.prolog()
                + syntax.comment("Generated by Automigrate from the JPA model. Review it like code; it is replayed by")
                + syntax.comment("Liquibase (mvn migrate:apply, Spring Boot, the Liquibase CLI) exactly as written.")
                + syntax.changesets(changesets);
    }

    private static GeneratedChangeset changeset(String id, String author, String comment, boolean transactional,
                                                List<RenderedChange> changes, String dbms) {
        List<GeneratedChangeset.Statement> statements = new ArrayList<>();
        for (RenderedChange change : changes) {
            boolean first = true;
            for (String sql : change.sql()) {
                statements.add(new GeneratedChangeset.Statement(
                        first && transactional ? change.change().description() : null, sql));
                first = false;
            }
        }
        List<String> rollback = null;
        if (!changes.isEmpty() && changes.stream().allMatch(c -> c.rollback() != null)) {
            rollback = new ArrayList<>();
            List<RenderedChange> reversed = new ArrayList<>(changes);
            Collections.reverse(reversed);
            for (RenderedChange change : reversed) {
                rollback.addAll(change.rollback());
            }
        }
        return new GeneratedChangeset(id, author, comment, transactional, statements, rollback, null, dbms);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * The file name part of a description: at most 50 characters, cut between the description's words only (an
     * identifier such as {@code purchase_order} or {@code customer.loyalty_points} is one word), without a dangling
     * {@code and}, {@code with}, ... or the number of an {@code and 2 more} that was cut.
     */
    static String slug(String description) {
        List<String> words = new ArrayList<>();
        for (String token : description.toLowerCase(Locale.ROOT).split("[^a-z0-9_.]+")) {
            String word = token.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        List<String> kept = new ArrayList<>();
        int length = 0;
        for (String word : words) {
            int added = (kept.isEmpty() ? 0 : 1) + word.length();
            if (length + added > 50) {
                break;
            }
            kept.add(word);
            length += added;
        }
        if (kept.isEmpty()) {
            return words.isEmpty() ? "change" : words.get(0).substring(0, Math.min(50, words.get(0).length()));
        }
        if (kept.size() < words.size()) {
            while (kept.size() > 1 && kept.get(kept.size() - 1).matches("and|or|with|to|of|from|in|on|\\d+")) {
                kept.remove(kept.size() - 1);
            }
        }
        return String.join("_", kept);
    }
}
