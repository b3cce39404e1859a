package org.automigrate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.function.UnaryOperator;

import org.automigrate.engine.ApplyResult;
import org.automigrate.engine.AutoResult;
import org.automigrate.engine.BackupResult;
import org.automigrate.engine.BaselineResult;
import org.automigrate.engine.CheckResult;
import org.automigrate.engine.DiffResult;
import org.automigrate.engine.DiscoverResult;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.HistoryResult;
import org.automigrate.engine.NewResult;
import org.automigrate.engine.PlannedChange;
import org.automigrate.engine.PreviewResult;
import org.automigrate.engine.ReportResult;
import org.automigrate.engine.RestoreResult;
import org.automigrate.engine.RollbackResult;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.StatusResult;
import org.automigrate.engine.VerifyResult;
import org.automigrate.engine.diff.Safety;
import org.junit.jupiter.api.Test;

class JsonResultsTest {
    private static final Instant STARTED = Instant.parse("2026-11-23T11:58:20.125Z");
    private static final UnaryOperator<String> NO_SCRUB = UnaryOperator.identity();

    @Test
    void aFailedRunHasItsCodeAndMessageAndNoResult() {
        String json = JsonResults.failure("auto", ErrorCode.DESTRUCTIVE_BLOCKED, "Would drop customer.fax.\nSet "
                + "-Dmigrate.allowDestructive=true", STARTED, Duration.ofMillis(1234), NO_SCRUB);

        assertThat(json).isEqualTo("""
                {
                  "schemaVersion": 1,
                  "goal": "auto",
                  "status": "failed",
                  "errorCode": "destructive_blocked",
                  "message": "Would drop customer.fax.\\nSet -Dmigrate.allowDestructive=true",
                  "startedAt": "2026-11-23T11:58:20.125Z",
                  "elapsedMs": 1234,
                  "result": null
                }
                """);
    }

    @Test
    void stringsAreEscapedAsRfc8259Requires() {
        String text = "quote \" backslash \\ tab \t cr \r lf \n bs \b ff \f nul \0 unit-sep \u001f del \u007f "
                + "é € 😀 lone \ud800 end";
        String json = JsonResults.failure("x", ErrorCode.IO, text, STARTED, Duration.ZERO, NO_SCRUB);

        assertThat(json).contains("\"message\": \"quote \\\" backslash \\\\ tab \\t cr \\r lf \\n bs \\b ff \\f "
                + "nul \\u0000 unit-sep \\u001f del \u007f é € 😀 lone \\ud800 end\",");
    }

    @Test
    void aResultKeepsItsComponentOrderWithoutRepeatingTheStatus() {
        PlannedChange change = new PlannedChange("drop column customer.fax", "customer", Safety.DESTRUCTIVE,
                List.of("ALTER TABLE customer DROP COLUMN fax"));
        AutoResult result = new AutoResult(RunStatus.APPLIED, "jdbc:sqlite:/shop.db", false, List.of(),
                List.of(change), Path.of("/shop/changes/0002.yaml"), List.of("changes/0002.yaml::0002::me"),
                Path.of("/shop/backups/shop.db.backup_1"), true, 7, Duration.ofMillis(2100));

        String json = JsonResults.success("auto", result, STARTED, Duration.ofMillis(2500), NO_SCRUB);

        assertThat(json).isEqualTo("""
                {
                  "schemaVersion": 1,
                  "goal": "auto",
                  "status": "applied",
                  "errorCode": null,
                  "message": null,
                  "startedAt": "2026-11-23T11:58:20.125Z",
                  "elapsedMs": 2500,
                  "result": {
                    "database": "jdbc:sqlite:/shop.db",
                    "created": false,
                    "pendingApplied": [],
                    "changes": [
                      {
                        "description": "drop column customer.fax",
                        "table": "customer",
                        "safety": "destructive",
                        "sql": [
                          "ALTER TABLE customer DROP COLUMN fax"
                        ]
                      }
                    ],
                    "changelogFile": "/shop/changes/0002.yaml",
                    "applied": [
                      "changes/0002.yaml::0002::me"
                    ],
                    "backupFile": "/shop/backups/shop.db.backup_1",
                    "verified": true,
                    "historyId": 7,
                    "elapsedMs": 2100
                  }
                }
                """);
    }

    /**
     * The README documents every goal's {@code result} keys; a renamed or added result component changes the
     * JSON, so it must change the README too (and {@link JsonResults#SCHEMA_VERSION} when a key goes).
     */
    @Test
    void everyGoalsResultKeysAreTheOnesTheReadmeDocuments() throws Exception {
        Map<String, Class<? extends Record>> goals = new LinkedHashMap<>();
        goals.put("auto", AutoResult.class);
        goals.put("preview", PreviewResult.class);
        goals.put("report", ReportResult.class);
        goals.put("status", StatusResult.class);
        goals.put("diff", DiffResult.class);
        goals.put("new", NewResult.class);
        goals.put("apply", ApplyResult.class);
        goals.put("check", CheckResult.class);
        goals.put("verify", VerifyResult.class);
        goals.put("rollback", RollbackResult.class);
        goals.put("baseline", BaselineResult.class);
        goals.put("backup", BackupResult.class);
        goals.put("restore", RestoreResult.class);
        goals.put("history", HistoryResult.class);
        goals.put("discover", DiscoverResult.class);
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = readme.substring(readme.indexOf("| goal | `result` keys |"));
        Map<String, List<String>> documented = new LinkedHashMap<>();
        for (String row : table.lines().skip(2).takeWhile(line -> line.startsWith("| `")).toList()) {
            String[] cells = row.split(" \\| ");
            String goal = cells[0].replaceAll("[|` ]", "");
            documented.put(goal, Pattern.compile("`(\\w+)`").matcher(cells[1].replaceAll("\\([^)]*\\)", ""))
                    .results().map(match -> match.group(1)).toList());
        }

        Map<String, List<String>> actual = new LinkedHashMap<>();
        goals.forEach((goal, type) -> actual.put(goal, Arrays.stream(type.getRecordComponents())
                .filter(c -> !(c.getName().equals("status") && c.getType() == RunStatus.class))
                .map(c -> c.getType() == Duration.class ? c.getName() + "Ms" : c.getName()).toList()));
        assertThat(documented).isEqualTo(actual);
    }

    @Test
    void resultsWithoutAStatusGetTheOneTheirGoalImplies() {
        assertThat(JsonResults.statusOf(new CheckResult(3, 4, Duration.ZERO))).isEqualTo(RunStatus.REPORTED);
        assertThat(JsonResults.statusOf(new BackupResult("db", Path.of("b"), List.of()))).isEqualTo(RunStatus.APPLIED);
        assertThat(JsonResults.statusOf(new NewResult(Path.of("f"), "id"))).isEqualTo(RunStatus.APPLIED);
        assertThat(JsonResults.skipped("auto", STARTED)).contains("\"status\": \"skipped\",")
                .contains("\"result\": null");
    }

    @Test
    void aNestedResultKeepsItsStatusAndEveryStringIsScrubbed() {
        PreviewResult preview = new PreviewResult(RunStatus.DRY_RUN, "jdbc:x://db?password=hunter2", true,
                List.of(), List.of(), List.of("blocked: hunter2"), List.of(), Duration.ofMillis(3));
        ReportResult report = new ReportResult(RunStatus.REPORTED, List.of(), preview, List.of(), Duration.ofMillis(4));

        String json = JsonResults.success("report", report, STARTED, Duration.ofMillis(5),
                text -> text.replace("hunter2", "****"));

        assertThat(json).doesNotContain("hunter2")
                .contains("\"status\": \"reported\",")
                .contains("""
                            "preview": {
                              "status": "dry_run",
                              "database": "jdbc:x://db?password=****",
                        """)
                .contains("\"blocked: ****\"");
    }
}
