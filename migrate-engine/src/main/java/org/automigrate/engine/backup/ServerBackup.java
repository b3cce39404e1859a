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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.ServerAddress;
import org.automigrate.engine.db.ShadowDatabase;
import org.automigrate.engine.history.HistoryStore;

/**
 * Backups of a PostgreSQL or MariaDB/MySQL database with the vendor's dump tool, named
 * {@code <database>.backup_YYYYMMDD_HHMMSS.sql} in the backup directory, and restores with the tool's
 * counterpart. Retention is {@link SqliteBackup}'s: the newest {@code keep}, none older than
 * {@code retentionDays}.
 *
 * <p><b>PostgreSQL</b>: {@code pg_dump --format=plain --no-owner} (GRANTs kept: the application's role keeps its
 * rights after a restore); a restore feeds {@code psql -v ON_ERROR_STOP=1} one transaction: a prelude that drops
 * every schema but {@code public} and the URL's, and every table, view, sequence, type and routine in those two
 * (objects of extensions and the history table excepted; identity sequences go with their tables), then the dump,
 * then {@code COMMIT}. It is atomic: a restore that fails, or is killed, leaves the database as it was.
 * A URL whose {@code currentSchema} is not {@code public} (a schema per tenant) is that one schema: it is dumped
 * alone ({@code --schema}), its backups are named {@code <database>.<schema>.backup_...sql}, and a restore drops and
 * reloads only the objects of that schema, leaving every other schema (the other tenants) alone.
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
        this.files = new BackupFiles(directory, address.database() + (schemaOnly() ? "." + address.schema() : ""), ".sql",
                policy, listener);
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
    public Path take(Set<Path> keep) {
        if (!available()) {
            throw new MigrateException(ErrorCode.IO, "Cannot back up " + address + ": " + unavailableReason());
        }
        checkWritable();
        Path file = files.newFile();
        Path partial;
        try {
            partial = BackupFiles.createPartial(file);
        } catch (IOException e) {
            throw BackupFiles.writeFailure("The backup of " + address + " to " + file, file, e);
        }
        List<String> command = new ArrayList<>();
        command.add(dump.path().toString());
        if (address.kind() == DatabaseKind.POSTGRESQL) {
            // the run's own shadow is a schema in this database while it runs: not the user's data
            command.addAll(List.of("--format=plain", "--no-owner", "--no-password",
                    "--exclude-schema=" + ShadowDatabase.PREFIX + "*", "--file=" + partial));
            if (schemaOnly()) {
                // in double quotes a pg_dump pattern is the exact name: no case folding, no wildcards
                command.add("--schema=\"" + address.schema().replace("\"", "\"\"") + "\"");
            }
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
                if (run.stderr().contains("No space left")) {
                    throw BackupFiles.writeFailure("The backup of " + address + " with " + dump.name(), file,
                            new IOException(scrub(run.stderr().strip())));
                }
                throw failure(run, "The backup of " + address + " with " + dump.name() + " failed",
                        "Nothing was changed.");
            }
            checkDump(partial, "The backup just written by " + dump.name());
        } catch (RuntimeException e) {
            BackupFiles.deleteQuietly(partial);
            throw e;
        }
        BackupFiles.finish(partial, file);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        listener.step("Backup: " + file + " (" + BackupFiles.human(BackupFiles.sizeOf(file)) + ", " + millis + " ms)");
        Set<Path> kept = new HashSet<>(keep);
        kept.add(file);
        files.prune(kept);
        return file;
    }

    @Override
    public void check(Path backup) {
        if (!Files.isRegularFile(backup)) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The backup " + backup + " does not exist. "
                    + "Nothing was changed.");
        }
        checkDump(backup, "The file " + backup);
    }

    /**
     * A dump is complete when it starts with its tool's header and ends with its completion line, which the tools
     * write last ({@code -- PostgreSQL database dump complete}, {@code -- Dump completed on ...}).
     */
    private void checkDump(Path file, String what) {
        boolean postgres = address.kind() == DatabaseKind.POSTGRESQL;
        String head;
        String tail;
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            long size = channel.size();
            head = read(channel, 0, (int) Math.min(size, 4096));
            tail = read(channel, Math.max(0, size - 4096), (int) Math.min(size, 4096));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.IO, what + " cannot be read: " + e.getMessage()
                    + ". Nothing was changed.", e);
        }
        String header = postgres ? "-- PostgreSQL database dump" : "-- MariaDB dump";
        boolean started = head.contains(header) || !postgres && head.contains("-- MySQL dump");
        boolean completed = postgres ? tail.contains("-- PostgreSQL database dump complete")
                : tail.contains("-- Dump completed");
        if (!started || !completed) {
            String kind = postgres ? "PostgreSQL (pg_dump)" : "MariaDB/MySQL (mariadb-dump)";
            throw new MigrateException(ErrorCode.CORRUPT, what + " is not a complete " + kind + " backup: "
                    + (!started ? "it does not start with the dump tool's header (" + header + ")"
                    : "it does not end with the line the dump tool writes when it has finished, so it is cut short")
                    + ". Nothing was changed.");
        }
    }

    private static String read(java.nio.channels.FileChannel channel, long position, int length) throws IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // keep reading
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void restore(Path backup, History history) {
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
            restorePostgres(backup, history);
        } else {
            restoreMariadb(backup, history);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        listener.step("Restore: " + backup + " (" + BackupFiles.human(BackupFiles.sizeOf(backup)) + ", " + millis
                + " ms)");
    }

    /** The name the backup's copy of the kept history table gets while a restore loads it; dropped right after. */
    private static String aside(History history) {
        return history.table() + "__from_backup";
    }

    @Override
    public List<Path> list() {
        return files.list();
    }

    /**
     * One transaction of {@code psql}: the prelude, the dump (its copy of the history table loaded under
     * another name), then dropping that copy and recording the restore in the live history table. All of it, or
     * nothing.
     */
    private void restorePostgres(Path backup, History history) {
        // not --single-transaction: psql would commit whatever it had read when its input ends, also when the
        // input ends early because this process was killed. The COMMIT is the input's last line instead.
        List<String> command = new ArrayList<>(List.of(client.path().toString(), "--no-psqlrc", "--quiet",
                "--set=ON_ERROR_STOP=1", "--no-password"));
        command.addAll(postgresConnection());
        String schema = "\"" + address.schema().replace("\"", "\"\"") + "\"";
        String prelude = "BEGIN;\n" + postgresPrelude(history);
        java.util.function.UnaryOperator<String> aside = history == null ? null
                : new PostgresAside(history.table(), aside(history));
        java.util.function.UnaryOperator<String> filter = schemaOnly() ? new PostgresSchemaDump(address.schema(), aside)
                : aside;
        Input input = history == null ? new Input(prelude, backup, filter, "\nCOMMIT;\n")
                : new Input(prelude, backup, filter,
                "\nDROP TABLE IF EXISTS " + schema + "." + aside(history) + ";\n" + HistoryStore.updateStatement(
                        schema + "." + history.table(), history.markId(), history.outcome()) + ";\nCOMMIT;\n");
        Run run = run(command, input, null, null);
        if (run.exit() != 0) {
            throw failure(run, "Restoring " + address + " from " + backup + " with " + client.name() + " failed",
                    "The restore ran in one transaction, so the database is unchanged. Fix the cause and run "
                            + "migrate:restore again.");
        }
    }

    /**
     * Drops what the dump re-creates and what was created after it: every schema but the system ones,
     * {@code public} and the URL's schema (the dump has a CREATE SCHEMA for each), and in those two every table,
     * view, sequence, type and routine that no extension owns, but the history table, which is kept.
     */
    /**
     * Whether this database is one PostgreSQL schema of a database ({@code currentSchema} other than {@code public},
     * as a schema per tenant is): backed up and restored alone.
     */
    private boolean schemaOnly() {
        return address.kind() == DatabaseKind.POSTGRESQL && address.parameters().containsKey("currentSchema")
                && !address.schema().equals("public");
    }

    /**
     * The restore's prelude: for the whole database {@link #POSTGRES_PRELUDE}; for one schema the same without
     * dropping other schemas or touching {@code public}.
     */
    private String postgresPrelude(History history) {
        String prelude = POSTGRES_PRELUDE;
        if (schemaOnly()) {
            prelude = prelude.replaceAll("(?s)  -- other schemas.*?-- end of other schemas\n", "")
                    .replace("('public', '$KEEP_SCHEMA$')", "('$KEEP_SCHEMA$')");
        }
        return prelude.replace("$KEEP_SCHEMA$", address.schema().replace("'", "''"))
                .replace("$KEEP_TABLE$", history == null ? "" : history.table());
    }

    private static final String POSTGRES_PRELUDE = """
            SET client_min_messages = warning;
            DO $automigrate$
            DECLARE r record;
            BEGIN
              -- other schemas
              FOR r IN SELECT n.nspname FROM pg_namespace n
                  WHERE n.nspname NOT IN ('public', '$KEEP_SCHEMA$') AND n.nspname <> 'information_schema'
                    AND n.nspname NOT LIKE 'pg\\_%'
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                                    AND d.objid = n.oid AND d.deptype = 'e') LOOP
                EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
              END LOOP;
              -- end of other schemas
              FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname IN ('public', '$KEEP_SCHEMA$') AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
                    AND NOT (n.nspname = '$KEEP_SCHEMA$' AND c.relname = '$KEEP_TABLE$')
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                    AND d.objid = c.oid AND d.deptype IN ('e', 'i')) LOOP
                EXECUTE format('DROP %s IF EXISTS %I.%I CASCADE', CASE r.relkind WHEN 'v' THEN 'VIEW'
                  WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
                  ELSE 'TABLE' END, r.nspname, r.relname);
              END LOOP;
              FOR r IN SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args FROM pg_proc p
                  JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname IN ('public', '$KEEP_SCHEMA$') AND p.prokind IN ('f', 'p')
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                    AND d.objid = p.oid AND d.deptype = 'e') LOOP
                EXECUTE format('DROP ROUTINE IF EXISTS %I.%I(%s) CASCADE', r.nspname, r.proname, r.args);
              END LOOP;
              FOR r IN SELECT n.nspname, t.typname, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  WHERE n.nspname IN ('public', '$KEEP_SCHEMA$') AND (t.typtype IN ('e', 'd', 'r')
                        OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                                    AND d.objid = t.oid AND d.deptype = 'e') LOOP
                EXECUTE format('DROP %s IF EXISTS %I.%I CASCADE',
                               CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.nspname, r.typname);
              END LOOP;
            END
            $automigrate$;
            """;

    /**
     * Drops the database's objects but the history table, loads the dump (its copy of the history table under
     * another name, dropped at the end) and records the restore in the live history table, which therefore keeps
     * the restore's mark even if the restore is killed half-way: the next run finds it.
     */
    private void restoreMariadb(Path backup, History history) {
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
            if (history != null && line.substring(tab + 1).equals(history.table())) {
                continue;
            }
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
        Input input;
        if (history == null) {
            input = new Input(prelude.toString(), backup, null, "");
        } else {
            String quoted = "`" + history.table() + "`";
            String asideQuoted = "`" + aside(history) + "`";
            input = new Input(prelude.toString(), backup, line -> line.replace(quoted, asideQuoted),
                    "\nDROP TABLE IF EXISTS " + asideQuoted + ";\n");
        }
        Run run = run(command, input, null, null);
        if (run.exit() == 0 && history != null) {
            recordOutcome(history);
        }
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

    /**
     * What a tool reads on its standard input: {@code before}, the lines of {@code file} through {@code filter}
     * (bytes kept exactly: read and written as ISO-8859-1), then {@code after}.
     */
    private record Input(String before, Path file, java.util.function.UnaryOperator<String> filter, String after) {
    }

    /**
     * A pg_dump line filter that loads the dump's copy of the kept table under another name: every name that
     * starts with the table's (the table, its key and index names) is renamed, outside {@code COPY} data.
     */
    private static final class PostgresAside implements java.util.function.UnaryOperator<String> {
        private final String table;
        private final String aside;
        private boolean inData;

        PostgresAside(String table, String aside) {
            this.table = table;
            this.aside = aside;
        }

        @Override
        public String apply(String line) {
            if (inData) {
                inData = !line.equals("\\.");
                return line;
            }
            if (line.startsWith("COPY ") && line.endsWith("FROM stdin;")) {
                inData = true;
            }
            return line.replace(table, aside);
        }
    }

    /**
     * A pg_dump line filter for the dump of one schema, loaded into that schema which the restore keeps (with its
     * history table): the dump's {@code CREATE SCHEMA} line is left out, every other line passes through
     * {@code then} (if any).
     */
    private static final class PostgresSchemaDump implements java.util.function.UnaryOperator<String> {
        private final java.util.Set<String> createSchema;
        private final java.util.function.UnaryOperator<String> then;
        private boolean inData;

        PostgresSchemaDump(String schema, java.util.function.UnaryOperator<String> then) {
            this.createSchema = java.util.Set.of("CREATE SCHEMA " + schema + ";",
                    "CREATE SCHEMA \"" + schema.replace("\"", "\"\"") + "\";");
            this.then = then;
        }

        @Override
        public String apply(String line) {
            if (inData) {
                inData = !line.equals("\\.");
            } else if (line.startsWith("COPY ") && line.endsWith("FROM stdin;")) {
                inData = true;
            } else if (createSchema.contains(line)) {
                return "";
            }
            return then == null ? line : then.apply(line);
        }
    }

    /** On MariaDB, the restore's row in the live history table, written once the dump has loaded. */
    private void recordOutcome(History history) {
        java.sql.Connection connection = org.automigrate.engine.db.ServerDatabase.open(target);
        try {
            HistoryStore.update(connection, history.markId(), history.outcome());
        } catch (java.sql.SQLException e) {
            throw new MigrateException(ErrorCode.IO, "The restore of " + address + " finished, but it could not be "
                    + "recorded in the history: " + scrub(e.getMessage()), e);
        } finally {
            org.automigrate.engine.db.ServerDatabase.closeQuietly(connection);
        }
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
                    in.write(input.before().getBytes(StandardCharsets.UTF_8));
                    copy(input, in);
                    in.write(input.after().getBytes(StandardCharsets.UTF_8));
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

    private static void copy(Input input, OutputStream out) throws IOException {
        if (input.filter() == null) {
            Files.copy(input.file(), out);
            return;
        }
        var writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.ISO_8859_1), 1 << 16);
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(input.file()),
                StandardCharsets.ISO_8859_1), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(input.filter().apply(line));
                writer.write('\n');
            }
            writer.flush();
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
