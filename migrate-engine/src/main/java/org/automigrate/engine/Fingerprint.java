package org.automigrate.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.automigrate.engine.apply.AppliedChangesets;
import org.automigrate.engine.config.HibernateProperties;
import org.automigrate.engine.config.NamingDetector;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.ServerAddress;
import org.automigrate.engine.db.ServerDatabase;
import org.automigrate.engine.db.SqliteDatabase;
import org.automigrate.engine.discovery.EntityScanner;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.history.HistoryStore;

/**
 * What a no-op verdict depends on, in one hash: the model's classes and enums, the classpath's jars, the settings, the
 * changelog's files, the database's schema version and changelog rows, and the engine's own build. When
 * {@code auto} finds nothing to do it stores the hash; the next {@code auto} with the same hash skips
 * the model bootstrap and the diff. Any real change (a class, a changeset, a table altered by hand, a
 * setting) gives another hash and the full comparison.
 */
final class Fingerprint {
    private static final String FORMAT = "automigrate-noop-1";

    private Fingerprint() {
    }

    /** The fingerprint of the current state, or empty when a fast verdict is impossible (no database yet). */
    static Optional<String> compute(EngineConfig config) {
        DatabaseKind kind = config.database().kind();
        Path file = kind == DatabaseKind.SQLITE ? config.database().sqliteFile() : null;
        if (file != null && (!Files.isRegularFile(file)
                || Files.exists(file.resolveSibling(file.getFileName() + "-journal")))) {
            return Optional.empty(); // no database yet, or a write in progress (or killed): the full path decides
        }
        if (config.scanRoots().stream().noneMatch(Files::exists)) {
            return Optional.empty(); // no compiled classes (mvn clean): the full path says so
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, FORMAT);
            update(digest, engineBuild());
            update(digest, settings(config));
            for (String input : new EntityScanner(config.projectDirectory()).modelInputs(config.scanRoots(),
                    config.classpath(), config.packages())) {
                update(digest, input);
            }
            for (Path entry : config.classpath()) {
                if (Files.isRegularFile(entry)) {
                    update(digest, entry + ":" + Files.size(entry) + ":" + Files.getLastModifiedTime(entry).toMillis());
                }
            }
            tree(digest, config.changelog().directory());
            update(digest, kind == DatabaseKind.SQLITE ? database(config) : serverDatabase(config));
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // a file vanished while reading: the full comparison decides
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static Optional<String> stored(EngineConfig config) {
        Path file = file(config);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Stores the current fingerprint as a verified no-op state; a failure to store only costs speed. */
    static void store(EngineConfig config) {
        Optional<String> now = compute(config);
        Path file = file(config);
        try {
            if (now.isPresent()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, now.get() + "\n");
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // the next run takes the full path
        }
    }

    private static Path file(EngineConfig config) {
        if (config.database().kind() != org.automigrate.engine.db.DatabaseKind.SQLITE) {
            return config.stateDirectory().resolve("server-" + Integer.toHexString(config.database().url().hashCode())
                    + ".noop");
        }
        Path db = config.database().sqliteFile();
        String name = db.getFileName() + "-" + Integer.toHexString(db.toString().hashCode()) + ".noop";
        return config.stateDirectory().resolve(name);
    }

    private static String settings(EngineConfig config) {
        return String.join("|", config.database().url(), String.valueOf(config.packages()),
                NamingDetector.inputs(config.namingStrategy(), config.projectDirectory(), config.classpath()),
                HibernateProperties.inputs(config.hibernateProperties(), config.projectDirectory()),
                config.columnOrder(), String.valueOf(config.ignoreTables()), String.valueOf(config.renames()),
                String.valueOf(config.defaults()), String.valueOf(config.truncate()), String.valueOf(config.allowDestructive()),
                String.valueOf(config.maxTablesPerRun()), config.changelog().toString());
    }

    private static String database(EngineConfig config) {
        Connection connection = SqliteDatabase.open(config.database(), true);
        try (Statement st = connection.createStatement()) {
            StringBuilder state = new StringBuilder();
            try (ResultSet rs = st.executeQuery("pragma schema_version")) {
                rs.next();
                state.append("schema ").append(rs.getLong(1));
            }
            for (AppliedChangesets.Row row : AppliedChangesets.read(connection)) {
                state.append('\n').append(row.key()).append(' ').append(row.checksum());
            }
            for (HistoryEntry mark : HistoryStore.marks(connection)) {
                state.append("\nrun in progress or killed: ").append(mark.id()); // the full path records it
            }
            return state.toString();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e));
        } finally {
            SqliteDatabase.closeQuietly(connection);
        }
    }

    /** PostgreSQL's catalog: columns (with identity), indexes and constraints of the schema, hashed by the server. */
    private static final String POSTGRES_SCHEMA = "select md5(coalesce(string_agg(x, ',' order by x), '')) from ("
            + "select table_name || '.' || column_name || ':' || data_type || ':' "
            + "|| coalesce(character_maximum_length::text, '') || ':' || coalesce(numeric_precision::text, '') || ':' "
            + "|| coalesce(numeric_scale::text, '') || ':' || is_nullable || ':' || coalesce(column_default, '') || ':' "
            + "|| is_identity as x "
            + "from information_schema.columns where table_schema = ? "
            + "union all select tablename || ':' || indexdef from pg_indexes where schemaname = ? "
            + "union all select c.conrelid::regclass::text || ':' || c.conname || ':' || pg_get_constraintdef(c.oid) "
            + "from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = ? "
            + "union all select c.relname || ':' || s.seqstart || ':' || s.seqincrement || ':' || s.seqmin || ':' "
            + "|| s.seqmax || ':' || s.seqcycle from pg_sequence s join pg_class c on c.oid = s.seqrelid "
            + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = ?) s";
    /**
     * MariaDB's information schema: columns (with {@code AUTO_INCREMENT}), index columns, checks and foreign keys,
     * hashed by the server.
     */
    private static final String MARIADB_SCHEMA = "select md5(coalesce(group_concat(x order by x separator ','), '')) from ("
            + "select concat_ws(':', table_name, column_name, column_type, is_nullable, coalesce(column_default, ''), "
            + "extra) x "
            + "from information_schema.columns where table_schema = ? "
            + "union all select concat_ws(':', table_name, index_name, column_name, seq_in_index, non_unique) "
            + "from information_schema.statistics where table_schema = ? "
            + "union all select concat_ws(':', table_name, constraint_name, check_clause) "
            + "from information_schema.check_constraints where constraint_schema = ? "
            + "union all select concat_ws(':', table_name, constraint_name, referenced_table_name) "
            + "from information_schema.referential_constraints where constraint_schema = ?) s";

    /** A server database's schema and its changelog rows: a changed table, index or changeset changes it. */
    private static String serverDatabase(EngineConfig config) {
        ServerAddress address = ServerAddress.parse(config.database().url());
        String sql = address.kind() == DatabaseKind.POSTGRESQL ? POSTGRES_SCHEMA : MARIADB_SCHEMA;
        Connection connection = ServerDatabase.open(config.database());
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int parameters = 4;
            for (int i = 1; i <= parameters; i++) {
                ps.setString(i, address.schema());
            }
            StringBuilder state = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                state.append("schema ").append(rs.getString(1));
            }
            if (address.kind() != DatabaseKind.POSTGRESQL) {
                mariadbSequences(connection, address.schema(), state);
            }
            for (AppliedChangesets.Row row : AppliedChangesets.read(connection)) {
                state.append('\n').append(row.key()).append(' ').append(row.checksum());
            }
            for (HistoryEntry mark : HistoryStore.marks(connection)) {
                state.append("\nrun in progress or killed: ").append(mark.id()); // the full path records it
            }
            return state.toString();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e));
        } finally {
            ServerDatabase.closeQuietly(connection);
        }
    }

    /** MariaDB's sequences (its information schema has no view of their increments): each one read as the table it is. */
    private static void mariadbSequences(Connection connection, String schema, StringBuilder state) throws SQLException {
        List<String> sequences = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("select table_name from information_schema.tables "
                + "where table_schema = ? and table_type = 'SEQUENCE' order by table_name")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sequences.add(rs.getString(1));
                }
            }
        }
        for (String sequence : sequences) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select start_value, "
                    + "increment, minimum_value, maximum_value, cycle_option from "
                    + ServerDatabase.quote(connection, sequence))) {
                if (rs.next()) {
                    state.append("\nsequence ").append(sequence).append(' ').append(rs.getString(1)).append(':')
                            .append(rs.getString(2)).append(':').append(rs.getString(3)).append(':')
                            .append(rs.getString(4)).append(':').append(rs.getString(5));
                }
            }
        }
    }

    /** The engine's own code: a new version may compare differently. */
    private static String engineBuild() throws IOException {
        try {
            Path location = Path.of(Fingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location + ":" + (Files.isRegularFile(location) ? Files.size(location) + ":"
                    + Files.getLastModifiedTime(location).toMillis() : "dir");
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Every file under a directory, by relative path and content. */
    private static void tree(MessageDigest digest, Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            update(digest, "absent " + root);
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            update(digest, root.relativize(file).toString());
            digest.update(Files.readAllBytes(file));
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
