package org.automigrate.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.config.DatabaseTarget;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.support.RecordingListener;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Dump-tool backups of real PostgreSQL and MariaDB databases (each test in a database of its own). */
class ServerBackupIT {
    private static final String PASSWORD = "Sekr3t-Pa55";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void restoreMakesTheDatabaseExactlyTheBackup(DatabaseKind kind) throws Exception {
        try (Servers.Database db = open(kind)) {
            fill(db);
            Map<String, String> before = db.tableDigests();
            Object sequenceBefore = sequenceState(db);
            RecordingListener log = new RecordingListener();
            ServerBackup backups = new ServerBackup(BackupPolicy.defaults(), db.target(), dir.resolve("backups"), log);

            Path file = backups.take();
            assertThat(file.getParent()).isEqualTo(dir.resolve("backups"));
            assertThat(file.getFileName().toString()).matches(db.name() + "\\.backup_\\d{8}_\\d{6}\\.sql");
            assertThat(log.steps.stream().filter(s -> s.startsWith("Backup: ")).toList()).singleElement().asString()
                    .matches("Backup: " + java.util.regex.Pattern.quote(file.toString()) + " \\(\\d+\\.\\d KB, \\d+ ms\\)");
            assertThat(backups.list()).containsExactly(file);
            assertThat(siblings(file)).as("no partial file is left").containsExactly(file);

            change(db);
            assertThat(db.tableDigests()).isNotEqualTo(before).containsKey("extra");
            assertThat(sequenceState(db)).isNotEqualTo(sequenceBefore);

            backups.restore(file);
            assertThat(db.tableDigests()).isEqualTo(before);
            assertThat(db.tableDigests()).doesNotContainKey("extra").containsKeys("customer", "orders");
            assertThat(sequenceState(db)).isEqualTo(sequenceBefore);
            assertThat(db.queryValue("SELECT COUNT(*) FROM big_orders").toString()).isEqualTo("2000");
            assertThat(log.steps.get(log.steps.size() - 1)).startsWith("Restore: " + file + " (");
        }
    }

    @Test
    void aLongDumpReportsHowMuchItHasWritten() throws Exception {
        try (Servers.Database db = open(DatabaseKind.POSTGRESQL)) {
            db.execute("CREATE TABLE big (id INT PRIMARY KEY, v TEXT)",
                    "INSERT INTO big SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 100000) g");
            RecordingListener log = new RecordingListener();
            ServerBackup backups = new ServerBackup(BackupPolicy.defaults(), db.target(), dir, log,
                    ServerBackup.searchPath(), Duration.ofMillis(1));

            Path file = backups.take();

            assertThat(log.steps.get(0)).matches("Backup: \\d+(\\.\\d)? [KM]?B written");
            assertThat(log.steps.get(log.steps.size() - 1)).startsWith("Backup: " + file + " (");
            assertThat(Files.size(file)).isGreaterThan(13_000_000L);
        }
    }

    @Test
    void aFailedPostgresRestoreLeavesTheDatabaseAsItWas() throws Exception {
        try (Servers.Database db = open(DatabaseKind.POSTGRESQL)) {
            fill(db);
            ServerBackup backups = new ServerBackup(BackupPolicy.defaults(), db.target(), dir, quiet());
            Path file = backups.take();
            change(db);
            Map<String, String> changed = db.tableDigests();
            Files.writeString(file, "\nSELECT * FROM no_such_table;\n", StandardOpenOption.APPEND);

            assertThatThrownBy(() -> backups.restore(file))
                    .isInstanceOf(MigrateException.class)
                    .hasMessageContaining("Restoring postgresql://")
                    .hasMessageContaining("no_such_table")
                    .hasMessageContaining("the database is unchanged");
            assertThat(db.tableDigests()).isEqualTo(changed);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void retentionKeepsTheNewestBackups(DatabaseKind kind) throws Exception {
        try (Servers.Database db = open(kind)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            RecordingListener log = new RecordingListener();
            ServerBackup backups = new ServerBackup(new BackupPolicy(true, dir, 2, 30), db.target(), dir.resolve("unused"), log);

            Path first = backups.take();
            Path second = backups.take();
            Path third = backups.take();

            assertThat(backups.list()).containsExactly(third, second);
            assertThat(first).doesNotExist();
            assertThat(log.steps).contains("Backup retention: removed 1 old backup (keep 2, 30 days)");
            assertThat(dir.resolve("unused")).doesNotExist();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aMissingToolIsExplainedAndNothingIsWritten(DatabaseKind kind) throws Exception {
        try (Servers.Database db = open(kind)) {
            fill(db);
            Map<String, String> before = db.tableDigests();
            Path noTools = Files.createDirectory(dir.resolve("empty-bin"));
            Path backupDir = dir.resolve("backups");
            ServerBackup backups = new ServerBackup(BackupPolicy.defaults(), db.target(), backupDir,
                    quiet(), List.of(noTools), Duration.ofSeconds(3));

            String expected = kind == DatabaseKind.POSTGRESQL
                    ? "pg_dump was not found on the PATH: install the Debian/Ubuntu package postgresql-client"
                    : "mariadb-dump or mysqldump was not found on the PATH: install the Debian/Ubuntu package mariadb-client";
            assertThat(backups.available()).isFalse();
            assertThat(backups.unavailableReason()).startsWith(expected).contains("no backup file is written");
            assertThatThrownBy(backups::take)
                    .isInstanceOfSatisfying(MigrateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO))
                    .hasMessageContaining(expected);
            assertThat(backupDir).doesNotExist();
            assertThat(db.tableDigests()).isEqualTo(before);
        }
    }

    @Test
    void mysqldumpAndMysqlServeWhenTheMariadbNamesAreMissing() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String tool : List.of("mysqldump", "mysql")) {
            Path script = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexec /usr/bin/" + tool + " \"$@\"\n");
            script.toFile().setExecutable(true);
        }
        try (Servers.Database db = open(DatabaseKind.MARIADB)) {
            fill(db);
            Map<String, String> before = db.tableDigests();
            ServerBackup backups = new ServerBackup(BackupPolicy.defaults(), db.target(), dir.resolve("backups"),
                    quiet(), List.of(bin), Duration.ofSeconds(3));
            assertThat(backups.available()).isTrue();
            Path file = backups.take();
            change(db);
            backups.restore(file);
            assertThat(db.tableDigests()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void anUnreachableServerIsReportedWithoutThePassword(DatabaseKind kind) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        String scheme = kind == DatabaseKind.POSTGRESQL ? "postgresql" : "mariadb";
        DatabaseTarget target = DatabaseTarget.of("jdbc:" + scheme + "://127.0.0.1:" + port + "/am_bk_nowhere?password="
                + PASSWORD, "someone", null);
        ServerBackup backups = new ServerBackup(BackupPolicy.defaults(), target, dir, quiet());

        assertThatThrownBy(backups::take)
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
                    assertThat(e.getMessage()).doesNotContain(PASSWORD)
                            .contains("The backup of " + kind.name().toLowerCase() + "://127.0.0.1:" + port + "/am_bk_nowhere")
                            .contains("Check that the server is running")
                            .endsWith("Nothing was changed.");
                });
        assertThat(listFiles(dir)).isEmpty();
    }

    @Test
    void aWrongMariadbPasswordIsReportedWithoutThePassword() throws Exception {
        try (Servers.Database db = open(DatabaseKind.MARIADB)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            DatabaseTarget target = DatabaseTarget.of(db.url(), db.username(), PASSWORD);
            ServerBackup backups = new ServerBackup(BackupPolicy.defaults(), target, dir, quiet());

            assertThatThrownBy(backups::take)
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
                        assertThat(e.getMessage()).doesNotContain(PASSWORD).contains("Access denied")
                                .contains("<password>");
                    });
            assertThat(listFiles(dir)).isEmpty();
        }
    }

    @Test
    void theBackupsOfAServerTargetAreServerBackupsInTheDefaultDirectory() {
        Backups postgres = Backups.of(BackupPolicy.defaults(),
                DatabaseTarget.of("jdbc:postgresql://127.0.0.1:5432/shop", "app", null), dir.resolve("backups"), quiet());
        Backups mariadb = Backups.of(new BackupPolicy(true, dir.resolve("elsewhere"), 5, 30),
                DatabaseTarget.of("jdbc:mysql://127.0.0.1:3306/shop", "app", null), dir.resolve("backups"), quiet());
        Backups sqlite = Backups.of(BackupPolicy.defaults(), DatabaseTarget.of("jdbc:sqlite:" + dir.resolve("shop.db"),
                null, null), dir.resolve("unused"), quiet());

        assertThat(postgres).isInstanceOf(ServerBackup.class);
        assertThat(postgres.directory()).isEqualTo(dir.resolve("backups"));
        assertThat(mariadb).isInstanceOf(ServerBackup.class);
        assertThat(mariadb.directory()).isEqualTo(dir.resolve("elsewhere"));
        assertThat(sqlite).isInstanceOf(SqliteBackup.class);
        assertThat(sqlite.directory()).isEqualTo(dir.resolve("backups"));
    }

    private static Servers.Database open(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRESQL ? Servers.postgres("am_bk") : Servers.mariadb("am_bk");
    }

    private static RecordingListener quiet() {
        return new RecordingListener();
    }

    /** Tables with foreign keys, a sequence, generated keys, binary and awkward text, a view, thousands of rows. */
    private static void fill(Servers.Database db) throws Exception {
        if (db.kind() == DatabaseKind.POSTGRESQL) {
            db.execute("CREATE SEQUENCE invoice_no START 1000",
                    "CREATE TABLE customer (id SERIAL PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) UNIQUE,"
                            + " balance NUMERIC(12,2) DEFAULT 0, photo BYTEA, created TIMESTAMP NOT NULL)",
                    "CREATE TABLE orders (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                            + " customer_id INT NOT NULL REFERENCES customer(id), total NUMERIC(12,2), note TEXT)",
                    "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 300",
                    "INSERT INTO customer (name, email, balance, photo, created) SELECT 'Customer ' || g,"
                            + " 'c' || g || '@example.com', g * 1.5, decode(md5(g::text), 'hex'),"
                            + " timestamp '2026-01-01' + g * interval '1 minute' FROM generate_series(1, 3000) g",
                    "INSERT INTO orders (customer_id, total, note) SELECT 1 + g % 3000, (g % 500) + 0.99,"
                            + " CASE WHEN g % 7 = 0 THEN NULL ELSE 'note ' || g END FROM generate_series(1, 5000) g",
                    "INSERT INTO orders (customer_id, total, note) VALUES (1, 1, E'tab\\there ''quoted'' \\u00fc\\nline \\\\.')",
                    "SELECT nextval('invoice_no'), nextval('invoice_no')");
        } else {
            db.execute("SET SESSION max_recursive_iterations = 100000",
                    "CREATE SEQUENCE invoice_no START WITH 1000",
                    "CREATE TABLE customer (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                            + " email VARCHAR(200) UNIQUE, balance DECIMAL(12,2) DEFAULT 0, photo BLOB,"
                            + " created DATETIME NOT NULL) ENGINE=InnoDB",
                    "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL,"
                            + " total DECIMAL(12,2), note TEXT, FOREIGN KEY (customer_id) REFERENCES customer(id)) ENGINE=InnoDB",
                    "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 300",
                    "INSERT INTO customer (name, email, balance, photo, created) WITH RECURSIVE g(n) AS"
                            + " (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 3000) SELECT CONCAT('Customer ', n),"
                            + " CONCAT('c', n, '@example.com'), n * 1.5, UNHEX(MD5(n)),"
                            + " TIMESTAMP '2026-01-01 00:00:00' + INTERVAL n MINUTE FROM g",
                    "INSERT INTO orders (customer_id, total, note) WITH RECURSIVE g(n) AS"
                            + " (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 5000) SELECT 1 + n % 3000, (n % 500) + 0.99,"
                            + " CASE WHEN n % 7 = 0 THEN NULL ELSE CONCAT('note ', n) END FROM g",
                    "INSERT INTO orders (customer_id, total, note) VALUES (1, 1, 'tab\\there ''quoted'' \u00fc\\nline \\\\.')",
                    "SELECT NEXTVAL(invoice_no), NEXTVAL(invoice_no)");
        }
    }

    /** After the backup: rows inserted, deleted and updated, a new table, a dropped column, the sequence moved. */
    private static void change(Servers.Database db) throws Exception {
        boolean pg = db.kind() == DatabaseKind.POSTGRESQL;
        db.execute("INSERT INTO customer (name, email, created) VALUES ('Late', 'late@example.com', '2026-02-01 00:00:00')",
                "DELETE FROM orders WHERE MOD(id, 10) = 0",
                "UPDATE customer SET name = 'Renamed' WHERE id < 50",
                "CREATE TABLE extra (id INT PRIMARY KEY, customer_id INT REFERENCES customer(id))",
                "INSERT INTO extra VALUES (1, 1)",
                "DROP VIEW big_orders",
                "ALTER TABLE customer DROP COLUMN balance",
                pg ? "SELECT setval('invoice_no', 5000)" : "SELECT SETVAL(invoice_no, 5000)");
    }

    private static Object sequenceState(Servers.Database db) throws Exception {
        return db.kind() == DatabaseKind.POSTGRESQL
                ? db.queryValue("SELECT last_value || '/' || is_called FROM invoice_no")
                : db.queryValue("SELECT CONCAT(next_not_cached_value, '/', cache_size) FROM invoice_no");
    }

    private static List<Path> siblings(Path file) throws Exception {
        return listFiles(file.getParent());
    }

    private static List<Path> listFiles(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
