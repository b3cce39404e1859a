package org.automigrate.engine.backup;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.ServerAddress;

/**
 * Backups of a PostgreSQL or MariaDB/MySQL database with the vendor's dump tool, named
 * {@code <database>.backup_YYYYMMDD_HHMMSS.sql} in the backup directory, and restores with the tool's
 * counterpart. Retention is {@link SqliteBackup}'s: the newest {@code keep}, none older than
 * {@code retentionDays}.
 *
 * <p><b>PostgreSQL</b>: {@code pg_dump --format=plain --no-owner} (GRANTs kept: the application's role keeps its rights after a restore); a restore runs, in one
 * {@code psql --single-transaction -v ON_ERROR_STOP=1}, a prelude that drops every schema but {@code public}
 * and every table, view, sequence, type and routine in {@code public} (objects of extensions excepted;
 * identity sequences go with their tables),
 * then the dump. It is atomic: a restore that fails leaves the database as it was.
 *
 * <p><b>MariaDB/MySQL</b>: {@code mariadb-dump} (or {@code mysqldump}) with {@code --single-transaction
 * --routines --triggers --hex-blob} of the one database, without {@code CREATE DATABASE}; a restore drops
 * every table, view, sequence and routine of the database ({@code FOREIGN_KEY_CHECKS=0}), then feeds the
 * dump to {@code mariadb} (or {@code mysql}) in the same session. MariaDB commits every DDL statement at
 * once, so this restore is <em>not atomic</em>: one that fails half-way leaves some tables restored and
 * some missing, and must be run again (the backup file is left untouched).
 *
 * <p>Passwords reach the tools only through their environment ({@code PGPASSWORD}, {@code MYSQL_PWD}),
 * never their command line, and are scrubbed from every message.
 */
public final class ServerBackup implements Backups {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private final DatabaseTarget target;
    private final EngineListener listener;
    private final ServerAddress address;
    private final String username;
    private final String password;
    private final BackupFiles files;
    private final Tool dump;
    private final Tool client;
    private final Duration progressEvery;

    /**
     * @param defaultDirectory where backups go when {@code policy.directory()} is null
     */
    public ServerBackup(BackupPolicy policy, DatabaseTarget target, Path defaultDirectory, EngineListener listener) {
        this(policy, target, defaultDirectory, listener, searchPath(), PROGRESS_EVERY);
    }

    /**
     * As the public constructor, looking the tools up in {@code toolDirectories} instead of the PATH, and
     * reporting the progress of a running dump every {@code progressEvery}.
     */
    ServerBackup(BackupPolicy policy, DatabaseTarget target, Path defaultDirectory, EngineListener listener,
                 List<Path> toolDirectories, Duration progressEvery) {
        this.progressEvery = progressEvery;
        this.target = target;
        this.listener = listener;
        this.address = ServerAddress.parse(target.url());
        this.username = target.username() != null ? target.username() : address.userInUrl();
        this.password = target.password() != null ? target.password() : address.passwordInUrl();
        Path directory = (policy.directory() != null ? policy.directory() : defaultDirectory).toAbsolutePath().normalize();
        this.files = new BackupFiles(directory, address.database(), ".sql", policy, listener);
        if (address.kind() == DatabaseKind.POSTGRESQL) {
            this.dump = Tool.find(toolDirectories, "pg_dump");
            this.client = Tool.find(toolDirectories, "psql");
        } else {
            this.dump = Tool.find(toolDirectories, "mariadb-dump", "mysqldump");
            this.client = Tool.find(toolDirectories, "mariadb", "mysql");
        }
    }

    @Override
    public Path directory() {
        return files.directory();
    }

    @Override
    public boolean available() {
        return dump.path() != null && client.path() != null;
    }

    @Override
    public String unavailableReason() {
        Tool missing = dump.path() == null ? dump : client.path() == null ? client : null;
        if (missing == null) {
            return null;
        }
        boolean postgres = address.kind() == DatabaseKind.POSTGRESQL;
        String names = String.join(" or ", missing.names());
        return names + " was not found on the PATH: install the Debian/Ubuntu package "
                + (postgres ? "postgresql-client" : "mariadb-client")
                + " (or your OS's equivalent), or put its directory on the PATH. Without it no backup file is written"
                + (postgres ? ": a failed change is only rolled back by PostgreSQL's transactional DDL."
                : ": MariaDB commits DDL at once, so a failed change cannot be undone. "
                + "Turn backups off knowingly with -Dmigrate.backup=false.");
    }

    @Override
    public void checkWritable() {
        files.checkWritable();
    }

    @Override
    public Path take() {
        if (!available()) {
            throw new MigrateException(ErrorCode.IO, "Cannot back up " + address + ": " + unavailableReason());
        }
        checkWritable();
        Path file = files.newFile();
        Path partial = BackupFiles.partial(file);
        List<String> command = new ArrayList<>();
        command.add(dump.path().toString());
        if (address.kind() == DatabaseKind.POSTGRESQL) {
            command.addAll(List.of("--format=plain", "--no-owner", "--no-password",
                    "--file=" + partial));
            command.addAll(postgresConnection());
        } else {
            command.addAll(List.of("--single-transaction", "--routines", "--triggers", "--hex-blob",
                    "--result-file=" + partial));
            command.addAll(mariadbConnection());
        }
        long started = System.nanoTime();
        try {
            Run run = run(command, null, partial, "Backup");
            if (run.exit() != 0) {
                throw failure(run, "The backup of " + address + " with " + dump.name() + " failed",
                        "Nothing was changed.");
            }
        } catch (RuntimeException e) {
            BackupFiles.deleteQuietly(partial);
            throw e;
        }
        BackupFiles.finish(partial, file);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        listener.step("Backup: " + file + " (" + BackupFiles.human(BackupFiles.sizeOf(file)) + ", " + millis + " ms)");
        files.prune(file);
        return file;
    }

    @Override
    public void restore(Path backup) {
        if (!available()) {
            throw new MigrateException(ErrorCode.IO, "Cannot restore " + address + " from " + backup + ": "
                    + unavailableReason());
        }
        if (!Files.isRegularFile(backup)) {
            throw new MigrateException(ErrorCode.IO, "The backup " + backup + " does not exist. "
                    + "Choose one of the files in " + directory() + ". Nothing was changed.");
        }
        long started = System.nanoTime();
        if (address.kind() == DatabaseKind.POSTGRESQL) {
            restorePostgres(backup);
        } else {
            restoreMariadb(backup);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        listener.step("Restored " + address + " from " + backup + " (" + BackupFiles.human(BackupFiles.sizeOf(backup))
                + ", " + millis + " ms)");
    }

    @Override
    public List<Path> list() {
        return files.list();
    }

    private void restorePostgres(Path backup) {
        List<String> command = new ArrayList<>(List.of(client.path().toString(), "--no-psqlrc", "--quiet",
                "--single-transaction", "--set=ON_ERROR_STOP=1", "--no-password",
                "--command=" + POSTGRES_PRELUDE, "--file=" + backup));
        command.addAll(postgresConnection());
        Run run = run(command, null, null, null);
        if (run.exit() != 0) {
            throw failure(run, "Restoring " + address + " from " + backup + " with " + client.name() + " failed",
                    "The restore ran in one transaction, so the database is unchanged. Fix the cause and run "
                            + "migrate:restore again.");
        }
    }

    /**
     * Drops what the dump re-creates and what was created after it: every schema but the system ones and
     * {@code public} (the dump has a CREATE SCHEMA for each), and in {@code public} every table, view,
     * sequence, type and routine that no extension owns.
     */
    private static final String POSTGRES_PRELUDE = """
            SET client_min_messages = warning;
            DO $automigrate$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT n.nspname FROM pg_namespace n
                  WHERE n.nspname <> 'public' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                                    AND d.objid = n.oid AND d.deptype = 'e') LOOP
                EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
              END LOOP;
              FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                    AND d.objid = c.oid AND d.deptype IN ('e', 'i')) LOOP
                EXECUTE format('DROP %s IF EXISTS public.%I CASCADE', CASE r.relkind WHEN 'v' THEN 'VIEW'
                  WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
                  ELSE 'TABLE' END, r.relname);
              END LOOP;
              FOR r IN SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args FROM pg_proc p
                  JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                    AND d.objid = p.oid AND d.deptype = 'e') LOOP
                EXECUTE format('DROP ROUTINE IF EXISTS public.%I(%s) CASCADE', r.proname, r.args);
              END LOOP;
              FOR r IN SELECT t.typname, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  WHERE n.nspname = 'public' AND (t.typtype IN ('e', 'd', 'r')
                        OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                                    AND d.objid = t.oid AND d.deptype = 'e') LOOP
                EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
                               CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.typname);
              END LOOP;
            END
            $automigrate$;
            """;

    private void restoreMariadb(Path backup) {
        List<String> query = new ArrayList<>(List.of(client.path().toString(), "--batch", "--raw", "--skip-column-names",
                "--execute=SELECT table_type, table_name FROM information_schema.tables WHERE table_schema = DATABASE();"
                        + " SELECT routine_type, routine_name FROM information_schema.routines"
                        + " WHERE routine_schema = DATABASE()"));
        query.addAll(mariadbConnection());
        Run objects = run(query, null, null, null);
        if (objects.exit() != 0) {
            throw failure(objects, "Restoring " + address + " from " + backup + " failed: the database's tables could "
                    + "not be listed with " + client.name(), "Nothing was changed.");
        }
        StringBuilder prelude = new StringBuilder("SET FOREIGN_KEY_CHECKS = 0;\n");
        for (String line : objects.stdout().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String type = line.substring(0, tab);
            String name = "`" + line.substring(tab + 1).replace("`", "``") + "`";
            String drop = switch (type) {
                case "VIEW" -> "VIEW";
                case "SEQUENCE" -> "SEQUENCE";
                case "PROCEDURE" -> "PROCEDURE";
                case "FUNCTION" -> "FUNCTION";
                default -> "TABLE";
            };
            prelude.append("DROP ").append(drop).append(" IF EXISTS ").append(name).append(";\n");
        }
        List<String> command = new ArrayList<>(List.of(client.path().toString()));
        command.addAll(mariadbConnection());
        Run run = run(command, new Input(prelude.toString(), backup), null, null);
        if (run.exit() != 0) {
            throw failure(run, "Restoring " + address + " from " + backup + " with " + client.name() + " failed",
                    "MariaDB commits each DDL statement at once, so the database may now be partly restored. "
                            + "Fix the cause and run migrate:restore again, or by hand: " + client.name()
                            + " -h " + address.host() + " -P " + address.port()
                            + (username == null ? "" : " -u " + username) + " -p " + address.database()
                            + " < " + backup);
        }
    }

    private List<String> postgresConnection() {
        List<String> args = new ArrayList<>(List.of("--host=" + address.host(), "--port=" + address.port()));
        if (username != null) {
            args.add("--username=" + username);
        }
        args.add("--dbname=" + address.database());
        return args;
    }

    private List<String> mariadbConnection() {
        List<String> args = new ArrayList<>(List.of("--protocol=TCP", "--host=" + address.host(),
                "--port=" + address.port(), "--default-character-set=utf8mb4"));
        if (username != null) {
            args.add("--user=" + username);
        }
        args.add(address.database());
        return args;
    }

    /** What a tool wrote on stdout and stderr, and its exit code. */
    private record Run(int exit, String stdout, String stderr) {
    }

    /** Text written to the tool's standard input, followed by a file's bytes. */
    private record Input(String text, Path file) {
    }

    /**
     * Runs a tool with the password in its environment. Standard output is returned unless it is unwanted;
     * while it runs, the size of {@code growing} is reported every few seconds.
     */
    private Run run(List<String> command, Input input, Path growing, String what) {
        Path stderr = null;
        Path stdout = null;
        try {
            stderr = Files.createTempFile("automigrate-", ".err");
            stdout = Files.createTempFile("automigrate-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(stderr.toFile())
                    .redirectOutput(stdout.toFile());
            Map<String, String> env = builder.environment();
            if (password != null) {
                env.put(address.kind() == DatabaseKind.POSTGRESQL ? "PGPASSWORD" : "MYSQL_PWD", password);
            }
            String sslmode = address.parameters().get("sslmode");
            if (sslmode != null && address.kind() == DatabaseKind.POSTGRESQL) {
                env.put("PGSSLMODE", sslmode);
            }
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                if (input != null) {
                    in.write(input.text().getBytes(StandardCharsets.UTF_8));
                    Files.copy(input.file(), in);
                }
            } catch (IOException e) {
                // the tool stopped reading (it failed): its exit code and stderr say why
            }
            long lastReport = System.nanoTime();
            long poll = Math.min(200, Math.max(1, progressEvery.toMillis()));
            while (!process.waitFor(poll, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (growing != null && System.nanoTime() - lastReport >= progressEvery.toNanos()) {
                    lastReport = System.nanoTime();
                    listener.progress(what + ": " + BackupFiles.human(BackupFiles.sizeOf(growing)) + " written");
                }
            }
            return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, "Cannot run " + command.get(0) + " for " + address + ": "
                    + scrub(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException(ErrorCode.IO, "Interrupted while " + command.get(0) + " worked on " + address, e);
        } finally {
            if (stderr != null) {
                BackupFiles.deleteQuietly(stderr);
            }
            if (stdout != null) {
                BackupFiles.deleteQuietly(stdout);
            }
        }
    }

    /** A failed tool run as an exception: what failed, the tool's own words (scrubbed), and what now. */
    private MigrateException failure(Run run, String what, String consequence) {
        String said = scrub(run.stderr().strip());
        boolean connection = said.contains("connection to server") || said.contains("Can't connect")
                || said.contains("Access denied") || said.contains("authentication failed")
                || said.contains("Unknown database") || (said.contains("database") && said.contains("does not exist"));
        String advice = connection ? " Check that the server is running and that <url>, <username> and <password> "
                + "(or <serverId>) are right." : "";
        return new MigrateException(connection ? ErrorCode.UNREACHABLE : ErrorCode.IO, what + " (exit code "
                + run.exit() + "): " + (said.isEmpty() ? "no message" : said) + "." + advice + " " + consequence);
    }

    /** {@link DatabaseTarget#scrub}, and the password taken from the URL ({@code password=}) wherever it appears. */
    private String scrub(String text) {
        String scrubbed = target.scrub(text);
        if (scrubbed != null && password != null && password.length() >= 3) { // DatabaseTarget.scrub's rule
            scrubbed = scrubbed.replace(password, "****");
        }
        return scrubbed;
    }

    static List<Path> searchPath() {
        String path = System.getenv("PATH");
        if (path == null || path.isBlank()) {
            return List.of();
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    /** A tool known by one or more names (the first preferred), and where it was found, or null. */
    private record Tool(List<String> names, Path path) {
        static Tool find(List<Path> directories, String... names) {
            for (String name : names) {
                for (Path directory : directories) {
                    Path candidate = directory.resolve(name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return new Tool(List.of(names), candidate);
                    }
                }
            }
            return new Tool(List.of(names), null);
        }

        String name() {
            return path == null ? names.get(0) : path.getFileName().toString();
        }
    }
}
