package org.automigrate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.automigrate.engine.AutoResult;
import org.automigrate.engine.DiscoverResult;
import org.automigrate.engine.HistoryResult;
import org.automigrate.engine.PlannedChange;
import org.automigrate.engine.PreviewResult;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.StatusResult;
import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.config.Naming;
import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.discovery.DiscoveredModel;
import org.automigrate.engine.discovery.DiscoveredModel.Kind;
import org.automigrate.engine.history.HistoryEntry;
import org.junit.jupiter.api.Test;

class TextReportTest {
    private static final String DB = "jdbc:sqlite:/work/shop/shop.db";
    private static final Path CHANGELOG =
            Path.of("/work/shop/src/main/resources/db/changelog/changes/20250301-140509-add-phone.yaml");
    private static final Path BACKUP = Path.of("/work/shop/backups/shop.db.backup_20250301_140509");

    private static final PlannedChange ADD_PHONE = new PlannedChange("add column customer.phone", "customer",
            Safety.SAFE, List.of("ALTER TABLE customer ADD phone VARCHAR(40)"));
    private static final PlannedChange DROP_FAX = new PlannedChange("drop column customer.fax", "customer",
            Safety.DESTRUCTIVE, List.of("CREATE TABLE customer_new (\n  id INTEGER NOT NULL\n)",
                    "DROP TABLE customer"));
    private static final PendingChangeset TEAMMATE =
            new PendingChangeset("20250228-090000-1", "ana", "db/changelog/changes/20250228-090000-add-order.yaml");

    /** Wall-clock time in the local zone, so the rendered timestamp is the same on every machine. */
    private static Instant local(int day, int hour, int minute, int second) {
        return LocalDateTime.of(2025, 3, day, hour, minute, second).atZone(ZoneId.systemDefault()).toInstant();
    }

    private static HistoryEntry okRun() {
        return new HistoryEntry(2, local(1, 14, 5, 9), local(1, 14, 5, 11), "auto", HistoryEntry.SUCCESS,
                "add column customer.phone", List.of("db/changelog/changes/x.yaml::1"),
                List.of("src/main/java/shop/Customer.java=0123456789ab", "src/main/java/shop/Address.java"),
                BACKUP.toString(), null);
    }

    private static HistoryEntry failedRun() {
        return new HistoryEntry(1, local(1, 9, 0, 0), local(1, 9, 0, 2), "auto", HistoryEntry.FAILED,
                "drop column customer.fax", List.of(), List.of(), null,
                "Destructive change blocked\nSet -Dmigrate.allowDestructive=true");
    }

    @Test
    void discoverListsEveryModelWithAlignedKinds() {
        DiscoverResult result = new DiscoverResult(RunStatus.REPORTED, List.of(
                new DiscoveredModel("shop.Address", Kind.EMBEDDABLE, null, "src/main/java/shop/Address.java",
                        "aaaaaaaaaaaa"),
                new DiscoveredModel("shop.Customer", Kind.ENTITY, "customer", "src/main/java/shop/Customer.java",
                        "bbbbbbbbbbbb")),
                List.of("customer", "customer_seq"),
                Naming.of(Naming.SPRING_PHYSICAL, Naming.SPRING_IMPLICIT, "Spring Boot 3.5.7 on the classpath"),
                Duration.ofMillis(300));

        assertThat(TextReport.discover(result)).containsExactly(
                "Naming: spring (Spring Boot 3.5.7 on the classpath)",
                "1 entity, 1 other model class, 2 tables",
                "  Embeddable       shop.Address -> -  src/main/java/shop/Address.java  aaaaaaaaaaaa",
                "  Entity           shop.Customer -> customer  src/main/java/shop/Customer.java  bbbbbbbbbbbb");
    }

    @Test
    void statusOfADatabaseThatIsBehindSaysHowItIsNowAndAfterThePendingChangesets() {
        StatusResult result = new StatusResult(DB, true, 3, 4, 5, List.of(TEAMMATE),
                List.of("add column customer.stock"), List.of(ADD_PHONE, DROP_FAX), BACKUP, okRun(), Duration.ofMillis(800));

        assertThat(TextReport.status(result)).containsExactly(
                "Database: " + DB + " (exists)",
                "Model: 3 entities, 4 tables",
                "Changesets: 5 applied, 1 pending",
                "  - db/changelog/changes/20250228-090000-add-order.yaml::20250228-090000-1",
                "The database as it is now differs from the model (1 difference; mvn migrate:verify fails):",
                "  - add column customer.stock",
                "After the 1 pending changeset, auto would still make 2 changes (1 destructive):",
                "  [SAFE] add column customer.phone",
                "  [DESTRUCTIVE] drop column customer.fax",
                "Last backup: " + BACKUP,
                "Last run: [OK] 2025-03-01 14:05:09 - add column customer.phone",
                "Not up to date: run mvn migrate:auto (or migrate:preview to see the SQL).");
    }

    @Test
    void statusWithNothingPendingListsTheDifferencesOnce() {
        StatusResult result = new StatusResult(DB, true, 3, 4, 5, List.of(), List.of("add column customer.phone",
                "drop column customer.fax"), List.of(ADD_PHONE, DROP_FAX), BACKUP, okRun(), Duration.ofMillis(800));

        assertThat(TextReport.status(result)).contains("2 differences (1 destructive):",
                "  [SAFE] add column customer.phone").doesNotContain("as it is now");
    }

    @Test
    void statusOfAFreshProject() {
        StatusResult result = new StatusResult(DB, false, 0, 0, 0, List.of(), List.of(), List.of(), null, null,
                Duration.ZERO);

        assertThat(TextReport.status(result)).containsExactly(
                "Database: " + DB + " (does not exist yet)",
                "Model: 0 entities, 0 tables",
                "Changesets: 0 applied, 0 pending",
                "The database matches the model.",
                "Last backup: none",
                "Last run: none",
                "Up to date.");
    }

    @Test
    void historyShowsRunsWithFilesBackupAndIndentedErrors() {
        HistoryResult result = new HistoryResult(DB, List.of(okRun(), failedRun()));

        assertThat(TextReport.history(result)).containsExactly(
                "Migration history of " + DB + " (2 runs, newest first)",
                "[OK] 2025-03-01 14:05:09 - add column customer.phone",
                "    File: src/main/java/shop/Customer.java",
                "    File: src/main/java/shop/Address.java",
                "    Backup: " + BACKUP,
                "",
                "[FAILED] 2025-03-01 09:00:00 - drop column customer.fax",
                "    Error: Destructive change blocked",
                "           Set -Dmigrate.allowDestructive=true");
    }

    @Test
    void historyOfADatabaseWithoutRuns() {
        assertThat(TextReport.history(new HistoryResult(DB, List.of())))
                .containsExactly("No runs recorded yet in " + DB);
    }

    @Test
    void previewShowsPendingChangesSqlAndBlockers() {
        PreviewResult result = new PreviewResult(RunStatus.DRY_RUN, DB, true, List.of(TEAMMATE),
                List.of(ADD_PHONE, DROP_FAX),
                List.of("drop column customer.fax is destructive: set -Dmigrate.allowDestructive=true"),
                List.of("Was customer.fax renamed to phone? Then set -Dmigrate.renames=customer.fax=phone"),
                Duration.ofMillis(1200));

        assertThat(TextReport.preview(result)).containsExactly(
                "Preview of " + DB + " (dry run: nothing is written)",
                "1 pending changeset would be applied first:",
                "  - db/changelog/changes/20250228-090000-add-order.yaml::20250228-090000-1",
                "2 changes (1 destructive):",
                "  [SAFE] add column customer.phone",
                "      ALTER TABLE customer ADD phone VARCHAR(40)",
                "  [DESTRUCTIVE] drop column customer.fax",
                "      CREATE TABLE customer_new (",
                "        id INTEGER NOT NULL",
                "      )",
                "      DROP TABLE customer",
                "  BLOCKED: drop column customer.fax is destructive: set -Dmigrate.allowDestructive=true",
                "  HINT: Was customer.fax renamed to phone? Then set -Dmigrate.renames=customer.fax=phone",
                "Nothing was changed.");
    }

    @Test
    void previewWithoutChanges() {
        PreviewResult result = new PreviewResult(RunStatus.NO_CHANGES, DB, true, List.of(), List.of(), List.of(),
                List.of(), Duration.ZERO);

        assertThat(TextReport.preview(result)).containsExactly(
                "Preview of " + DB + " (dry run: nothing is written)",
                "No changes: the database is up to date with the model.",
                "Nothing was changed.");
    }

    @Test
    void previewWithOnlyPendingChangesets() {
        PreviewResult result = new PreviewResult(RunStatus.DRY_RUN, DB, true, List.of(TEAMMATE), List.of(),
                List.of(), List.of(), Duration.ZERO);

        assertThat(TextReport.preview(result)).containsExactly(
                "Preview of " + DB + " (dry run: nothing is written)",
                "1 pending changeset would be applied first:",
                "  - db/changelog/changes/20250228-090000-add-order.yaml::20250228-090000-1",
                "No changes beyond the pending changesets: after them the database matches the model.",
                "Nothing was changed.");
    }

    @Test
    void autoSummaryAfterApplying() {
        AutoResult result = new AutoResult(RunStatus.APPLIED, DB, false, List.of(TEAMMATE), List.of(ADD_PHONE),
                CHANGELOG, List.of("a.yaml::1", "b.yaml::2"), BACKUP, true, 7, Duration.ofMillis(2345));

        assertThat(TextReport.auto(result)).containsExactly(
                "Migrated " + DB + ": 2 changesets applied in 2.3 s");
    }

    @Test
    void autoSummaryOfANewDatabaseHasNoBackupLine() {
        AutoResult result = new AutoResult(RunStatus.APPLIED, DB, true, List.of(), List.of(ADD_PHONE),
                CHANGELOG, List.of("a.yaml::1"), null, true, 1, Duration.ofMillis(940));

        assertThat(TextReport.auto(result)).containsExactly(
                "Migrated " + DB + ": 1 changeset applied in 0.9 s");
    }

    @Test
    void autoSummaryWhenNothingChanged() {
        AutoResult result = new AutoResult(RunStatus.NO_CHANGES, DB, false, List.of(), List.of(), null,
                List.of(), null, true, 8, Duration.ofMillis(420));

        assertThat(TextReport.auto(result))
                .containsExactly("Database is up to date with the model: nothing to do (0.4 s)");
    }
}
