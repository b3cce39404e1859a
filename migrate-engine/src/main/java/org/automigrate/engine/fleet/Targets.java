package org.automigrate.engine.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.ServerAddress;
import org.automigrate.engine.db.ServerDatabase;
import org.automigrate.engine.db.SqliteDatabase;

/**
 * Resolves the databases of a run over many from its settings ({@link FleetSettings}): the {@code targets}
 * (SQLite globs expanded to the files they match), the rows of {@code targetsQuery} on the control database
 * {@code url}, and for each PostgreSQL database without {@code currentSchema} the {@code schemas} that match, listed
 * from its catalog. The list is in a stable order (names compared with their numbers as numbers: {@code tenant_2}
 * before {@code tenant_10}) without duplicates. Anything that resolves to nothing, or cannot be resolved, is a
 * {@link ErrorCode#CONFIGURATION} message that names the setting; URLs in messages are masked.
 */
public final class Targets {
    private static final Pattern GLOB = Pattern.compile("[*?\\[{]");
    /** Characters a schema pattern may not hold: they would end the {@code currentSchema} URL parameter or quote. */
    private static final Pattern BAD_SCHEMA = Pattern.compile("[\\s,;&=?#\"'/\\\\]");

    private Targets() {
    }

    /** The databases of the run, in order; fails when there are none or one setting cannot be resolved. */
    public static List<Target> resolve(EngineConfig config) {
        FleetSettings fleet = config.fleet();
        DatabaseTarget control = config.database();
        List<DatabaseTarget> found = new ArrayList<>();
        for (String entry : fleet.targets()) {
            found.addAll(entry(config, entry));
        }
        if (fleet.targets().isEmpty() && fleet.targetsQuery() == null && !fleet.schemas().isEmpty()) {
            if (control.kind() != DatabaseKind.POSTGRESQL) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "schemas (" + String.join(", ", fleet.schemas())
                        + ") lists PostgreSQL schemas, but <url> is " + control.kind().label() + " ("
                        + control.maskedUrl() + "). Set <url> to the PostgreSQL database that holds the schemas, or "
                        + "list the databases in <targets> / -Dmigrate.targets.");
            }
            found.add(control);
        }
        if (fleet.targetsQuery() != null) {
            found.addAll(query(config, fleet.targetsQuery()));
        }
        List<DatabaseTarget> expanded = new ArrayList<>();
        if (!fleet.schemas().isEmpty()) {
            for (String pattern : fleet.schemas()) {
                if (pattern.isBlank() || BAD_SCHEMA.matcher(pattern).find()) {
                    throw new MigrateException(ErrorCode.CONFIGURATION, "The schema pattern '" + pattern + "' in "
                            + "<schemas> / -Dmigrate.schemas is not a schema name or pattern: use letters, digits, _ "
                            + "and $, with * for any characters and ? for one, e.g. tenant_*.");
                }
            }
            boolean anyPostgres = false;
            for (DatabaseTarget target : found) {
                if (target.kind() == DatabaseKind.POSTGRESQL
                        && !ServerAddress.parse(target.url()).parameters().containsKey("currentSchema")) {
                    anyPostgres = true;
                    expanded.addAll(schemas(target, fleet.schemas()));
                } else {
                    expanded.add(target);
                }
            }
            if (!anyPostgres) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "schemas (" + String.join(", ", fleet.schemas())
                        + ") lists PostgreSQL schemas, but no target is a PostgreSQL database without currentSchema. "
                        + "Remove <schemas>, or add the PostgreSQL database to <targets> / <url>.");
            }
        } else {
            expanded.addAll(found);
        }
        Map<String, DatabaseTarget> unique = new LinkedHashMap<>();
        for (DatabaseTarget target : expanded) {
            unique.putIfAbsent(target.url(), target);
        }
        if (unique.isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The run has no databases: "
                    + (fleet.targetsQuery() != null ? "the targetsQuery returned no rows. " : "")
                    + "Check <targets>, <schemas> and <targetsQuery> (-Dmigrate.targets, -Dmigrate.schemas, "
                    + "-Dmigrate.targetsQuery).");
        }
        return named(List.copyOf(unique.values()), config.projectDirectory());
    }

    /** One entry of {@code targets}: a URL, or a SQLite glob expanded to the files it matches. */
    private static List<DatabaseTarget> entry(EngineConfig config, String entry) {
        DatabaseTarget template = config.database();
        DatabaseKind kind;
        try {
            kind = DatabaseKind.of(entry);
        } catch (MigrateException e) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The target '" + DatabaseTarget.maskSecrets(entry)
                    + "' in <targets> / -Dmigrate.targets is not a JDBC URL this plugin supports. Use "
                    + "jdbc:sqlite:<file or glob>, jdbc:postgresql://host/db, jdbc:mariadb://host/db or "
                    + "jdbc:mysql://host/db.");
        }
        if (kind != DatabaseKind.SQLITE) {
            ServerAddress.parse(entry);
            return List.of(DatabaseTarget.of(entry, template.username(), template.password()));
        }
        String rest = entry.substring("jdbc:sqlite:".length());
        String prefix = rest.startsWith("file:") ? "file:" : "";
        String path = rest.substring(prefix.length());
        int question = path.indexOf('?');
        String params = "";
        // '?' is a glob character too: it starts the parameters only when a key=value follows
        if (question >= 0 && path.substring(question + 1).contains("=")) {
            params = path.substring(question);
            path = path.substring(0, question);
        }
        if (!GLOB.matcher(path).find()) {
            return List.of(DatabaseTarget.of(entry, template.username(), template.password())
                    .resolvedAgainst(config.projectDirectory()));
        }
        List<DatabaseTarget> targets = new ArrayList<>();
        for (Path file : glob(config.projectDirectory(), path, entry)) {
            targets.add(DatabaseTarget.of("jdbc:sqlite:" + prefix + file + params, template.username(),
                    template.password()));
        }
        return targets;
    }

    /** The regular files a glob matches, relative globs against {@code base}, in natural order. */
    static List<Path> glob(Path base, String pattern, String entry) {
        String normalized = pattern.replace('\\', '/');
        String[] segments = normalized.split("/", -1);
        int first = 0;
        while (first < segments.length && !GLOB.matcher(segments[first]).find()) {
            first++;
        }
        String fixed = String.join("/", java.util.Arrays.copyOfRange(segments, 0, first));
        String rest = String.join("/", java.util.Arrays.copyOfRange(segments, first, segments.length));
        // "/data/*.db" splits into "", "data", "*.db": the fixed part of an absolute glob is never empty but at "/"
        Path root = (fixed.isEmpty() ? normalized.startsWith("/") ? Path.of("/") : base : base.resolve(fixed))
                .toAbsolutePath().normalize();
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        } catch (IllegalArgumentException e) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The target '" + DatabaseTarget.maskSecrets(entry)
                    + "' in <targets> / -Dmigrate.targets is not a valid glob (" + e.getMessage().lines().findFirst()
                    .orElse("") + "). Use * for any characters in a name, ? for one, ** for any directories, "
                    + "[abc] for one of a set, e.g. jdbc:sqlite:tenants/*.db.");
        }
        int depth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - first;
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(root)) {
            Path from = root;
            try (Stream<Path> walk = Files.walk(root, depth)) {
                walk.filter(Files::isRegularFile).filter(p -> matcher.matches(from.relativize(p)))
                        .forEach(files::add);
            } catch (IOException | UncheckedIOException e) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "The directory " + root + " of the target '"
                        + DatabaseTarget.maskSecrets(entry) + "' cannot be read: " + e.getMessage()
                        + ". Check its permissions, or fix <targets> / -Dmigrate.targets.", e);
            }
        }
        if (files.isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The target '" + DatabaseTarget.maskSecrets(entry)
                    + "' in <targets> / -Dmigrate.targets matches no file" + (Files.isDirectory(root) ? " in " + root
                    : ": the directory " + root + " does not exist") + ". Create the databases first (a glob only "
                    + "finds files that exist; name a new database by its path), or fix the pattern.");
        }
        files.sort(Comparator.comparing(Path::toString, NATURAL));
        return files;
    }

    /** The schemas of a PostgreSQL database that match the patterns, each as the URL with {@code currentSchema}. */
    private static List<DatabaseTarget> schemas(DatabaseTarget database, List<String> patterns) {
        ServerAddress address = ServerAddress.parse(database.url());
        List<String> all = new ArrayList<>();
        Connection connection = ServerDatabase.open(database);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select nspname from pg_namespace where nspname not like 'pg\\_%' "
                     + "and nspname <> 'information_schema' and nspname not like 'automigrate\\_shadow\\_%'")) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw ServerDatabase.translate(e, database, address.database(), "list the schemas of");
        } finally {
            ServerDatabase.closeQuietly(connection);
        }
        all.sort(NATURAL);
        List<String> chosen = new ArrayList<>();
        for (String pattern : patterns) {
            Pattern regex = Pattern.compile(globToRegex(pattern));
            List<String> matched = all.stream().filter(s -> regex.matcher(s).matches()).toList();
            if (matched.isEmpty()) {
                boolean wildcard = pattern.contains("*") || pattern.contains("?");
                throw new MigrateException(ErrorCode.CONFIGURATION, (wildcard ? "The schema pattern '" + pattern
                        + "' matches no schema" : "The schema '" + pattern + "' does not exist") + " in the database "
                        + address.database() + " (" + database.maskedUrl() + "; it has " + (all.isEmpty() ? "none"
                        : String.join(", ", all.stream().limit(10).toList()) + (all.size() > 10 ? ", ..." : ""))
                        + "). Create the schema first (CREATE SCHEMA ...), or fix <schemas> / -Dmigrate.schemas.");
            }
            matched.stream().filter(s -> !chosen.contains(s)).forEach(chosen::add);
        }
        chosen.sort(NATURAL);
        return chosen.stream().map(schema -> DatabaseTarget.of(address.withSchema(schema), database.username(),
                database.password())).toList();
    }

    /** The rows of {@code targetsQuery} on the control database: JDBC URLs, or schemas of a PostgreSQL control. */
    private static List<DatabaseTarget> query(EngineConfig config, String sql) {
        DatabaseTarget control = config.database();
        boolean sqlite = control.kind() == DatabaseKind.SQLITE;
        if (sqlite && !Files.isRegularFile(control.sqliteFile())) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The targetsQuery runs on <url>, the control "
                    + "database, but the SQLite file " + control.sqliteFile() + " does not exist. Set <url> / "
                    + "-Dmigrate.url to the database that lists the targets.");
        }
        List<String> values = new ArrayList<>();
        Connection connection = sqlite ? SqliteDatabase.open(control, true) : ServerDatabase.open(control);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String value = rs.getString(1);
                if (value != null && !value.isBlank()) {
                    values.add(value.strip());
                }
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The targetsQuery failed on the control database "
                    + control.maskedUrl() + ": " + control.scrub(e.getMessage()) + ". Fix <targetsQuery> / "
                    + "-Dmigrate.targetsQuery (its first column is a JDBC URL, or a schema name of a PostgreSQL <url>).",
                    e);
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
        List<DatabaseTarget> targets = new ArrayList<>();
        for (String value : values) {
            if (value.regionMatches(true, 0, "jdbc:", 0, 5)) {
                targets.addAll(entry(config, value));
                continue;
            }
            if (control.kind() != DatabaseKind.POSTGRESQL) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "The targetsQuery returned '"
                        + DatabaseTarget.maskSecrets(value) + "', which is not a JDBC URL; a schema name is only "
                        + "understood when <url> is a PostgreSQL database. Return JDBC URLs from <targetsQuery>.");
            }
            if (BAD_SCHEMA.matcher(value).find() || value.contains("*")) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "The targetsQuery returned '" + value + "', "
                        + "which is neither a JDBC URL nor a schema name. Fix <targetsQuery> / -Dmigrate.targetsQuery.");
            }
            targets.add(DatabaseTarget.of(ServerAddress.parse(control.url()).withSchema(value), control.username(),
                    control.password()));
        }
        return targets;
    }

    /** A schema pattern ({@code *} any characters, {@code ?} one) as a regular expression. */
    static String globToRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** Short names, unique within the run: the schema, database or file name, else a longer one. */
    static List<Target> named(List<DatabaseTarget> databases, Path projectDirectory) {
        Map<String, Integer> counts = new HashMap<>();
        databases.forEach(d -> counts.merge(shortName(d), 1, Integer::sum));
        List<Target> targets = new ArrayList<>();
        Map<String, Integer> used = new HashMap<>();
        for (DatabaseTarget database : databases) {
            String name = shortName(database);
            if (counts.get(name) > 1) {
                name = longName(database, projectDirectory);
            }
            int n = used.merge(name, 1, Integer::sum);
            targets.add(new Target(n == 1 ? name : name + "#" + n, database));
        }
        return List.copyOf(targets);
    }

    private static String shortName(DatabaseTarget database) {
        if (database.kind() == DatabaseKind.SQLITE) {
            return database.sqliteFile().getFileName().toString();
        }
        ServerAddress address = ServerAddress.parse(database.url());
        return address.kind() == DatabaseKind.POSTGRESQL && address.parameters().containsKey("currentSchema")
                ? address.schema() : address.database();
    }

    private static String longName(DatabaseTarget database, Path projectDirectory) {
        if (database.kind() == DatabaseKind.SQLITE) {
            Path file = database.sqliteFile();
            return file.startsWith(projectDirectory) ? projectDirectory.relativize(file).toString() : file.toString();
        }
        ServerAddress address = ServerAddress.parse(database.url());
        return address.host() + ":" + address.port() + "/" + address.database()
                + (address.kind() == DatabaseKind.POSTGRESQL && address.parameters().containsKey("currentSchema")
                ? "/" + address.schema() : "");
    }

    /**
     * Splits a comma-separated list of targets ({@code -Dmigrate.targets=a,b}) at the commas outside braces, so
     * that a glob's {@code {a,b}} stays whole.
     */
    public static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        return parts.stream().filter(p -> !p.isEmpty()).toList();
    }

    /** Compares names with their runs of digits as numbers: {@code t2} before {@code t10}. */
    static final Comparator<String> NATURAL = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int rest = Integer.compare(a.length() - i, b.length() - j);
        return rest != 0 ? rest : a.compareTo(b); // t02 and t2: equal numbers, still one order
    };
}
