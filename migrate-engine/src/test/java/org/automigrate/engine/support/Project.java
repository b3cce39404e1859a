package org.automigrate.engine.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.automigrate.engine.Engine;
import org.automigrate.engine.EngineConfig;

/**
 * A project in a temporary directory whose model is one package of the test model classes, with its
 * SQLite database file and changelog inside it.
 */
public final class Project {
    private static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();
    public final Path dir;
    public final Path db;
    public final RecordingListener listener = new RecordingListener();

    public Project(Path dir) {
        this.dir = dir;
        this.db = dir.resolve("shop.db");
    }

    public EngineConfig.Builder config(String modelPackage) {
        return EngineConfig.builder(dir)
                .scanRoots(List.of(TEST_CLASSES))
                .classpath(List.of(TEST_CLASSES))
                .packages(List.of("org.automigrate.engine.testmodel." + modelPackage))
                .url("jdbc:sqlite:" + db);
    }

    public Engine engine(String modelPackage) {
        return new Engine(config(modelPackage).build(), listener);
    }

    public Engine engine(String modelPackage, UnaryOperator<EngineConfig.Builder> customize) {
        return new Engine(customize.apply(config(modelPackage)).build(), listener);
    }

    public Path changelogDir() {
        return dir.resolve("src/main/resources/db/changelog");
    }

    public List<Path> changeFiles() throws Exception {
        Path changes = changelogDir().resolve("changes");
        if (!Files.isDirectory(changes)) {
            return List.of();
        }
        try (var files = Files.list(changes)) {
            return files.sorted().toList();
        }
    }

    /**
     * A teammate's changeset file under {@code changes/} holding one {@code sql} change, included from the master
     * changelog; the database has not run it.
     */
    public void addChangeset(String fileName, String id, String sql) throws java.io.IOException {
        Files.writeString(changelogDir().resolve("changes/" + fileName), """
                databaseChangeLog:
                  - changeSet:
                      id: %s
                      author: teammate
                      changes:
                        - sql:
                            sql: %s
                """.formatted(id, sql));
        Files.writeString(changelogDir().resolve("db.changelog-master.yaml"),
                "  - include:\n      file: db/changelog/changes/" + fileName + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    public List<Path> backups() throws Exception {
        Path backups = dir.resolve("backups");
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (var files = Files.list(backups)) {
            return files.sorted().toList();
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    public void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    public List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public long count(String table) throws SQLException {
        return ((Number) query("select count(*) from " + table).get(0).get(0)).longValue();
    }
}
