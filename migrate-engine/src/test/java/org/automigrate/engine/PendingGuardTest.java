package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.automigrate.engine.changelog.PendingChangeset;
import org.automigrate.engine.report.TextReport;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One guard for every change a run makes: a pending changeset that drops data (here, one a restore made
 * pending again) needs allowDestructive exactly as a generated one does, and preview, status and restore say so.
 */
class PendingGuardTest {
    private static final String HISTORY = "automigrate_history";

    @TempDir
    Path dir;

    @Test
    void aDropMadePendingAgainByARestoreIsRefusedWithoutAllowDestructiveAndTheDataStays() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email) values ('Ada', 'a1')", "insert into product (sku) values ('A-1')",
                "insert into purchase_order (customer_id, paid) values (1, 1)",
                "insert into order_line (order_id, product_id, quantity) values (1, 1, 2)");
        Path before = project.engine("v1").backup().backupFile();
        project.engine("v5", c -> c.allowDestructive(true)).auto(); // drops the table order_line

        RestoreResult restored = project.engine("v5").restore(before.toString());

        assertThat(restored.pendingAgain()).singleElement().satisfies(p -> {
            assertThat(p.id()).startsWith("0002_");
            assertThat(p.drops()).containsExactly("drop table order_line");
        });
        assertThat(TextReport.restore(restored)).anySatisfy(line -> assertThat(line).contains("1 changeset is pending again"))
                .anySatisfy(line -> assertThat(line).contains("0002_", "[DESTRUCTIVE] drop table order_line"));
        assertThat(TextReport.restore(restored)).filteredOn(line -> line.contains("0002_")).hasSize(1);
        assertThat(TextReport.restore(restored)).last().asString().contains("only with allowDestructive",
                "drop table order_line");
        assertThat(project.listener.warnings).noneSatisfy(w -> assertThat(w).contains("pending again"));
        String data = DbChecksum.of(project.db, HISTORY);

        PreviewResult preview = project.engine("v5").preview();
        assertThat(preview.pending()).singleElement().extracting(PendingChangeset::destructive).isEqualTo(true);
        assertThat(TextReport.preview(preview)).anySatisfy(line -> assertThat(line).contains("[DESTRUCTIVE] drop table order_line"))
                .anySatisfy(line -> assertThat(line).contains("BLOCKED: A pending changeset drops data"));
        assertThat(TextReport.status(project.engine("v5").status()))
                .anySatisfy(line -> assertThat(line).contains("[DESTRUCTIVE] drop table order_line"));

        assertThatThrownBy(() -> project.engine("v5").auto())
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED);
                    assertThat(e.getMessage()).contains("A pending changeset drops data: ", "0002_",
                            "[DESTRUCTIVE] (drop table order_line)", "-Dmigrate.allowDestructive=true");
                });
        assertThatThrownBy(() -> project.engine("v5").apply(null))
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED);
                    assertThat(e.getMessage()).contains("(drop table order_line)", "Nothing was changed.");
                });
        assertThat(DbChecksum.of(project.db, HISTORY)).isEqualTo(data);
        assertThat(project.count("order_line")).isEqualTo(1);

        assertThat(project.engine("v5", c -> c.allowDestructive(true)).auto().status()).isEqualTo(RunStatus.APPLIED);
        assertThat(project.query("select count(*) from sqlite_master where name = 'order_line'")).containsExactly(List.of(0));
    }

    @Test
    void aPendingChangesetThatKeepsEveryValueIsNotMarked() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.addChangeset("0002_seed_product.yaml", "seed-product", "insert into product (sku) values ('SEED')");

        PreviewResult preview = project.engine("v1").preview();

        assertThat(preview.pending()).singleElement().extracting(PendingChangeset::destructive).isEqualTo(false);
        assertThat(preview.blockers()).isEmpty();
        assertThat(project.engine("v1").auto().status()).isEqualTo(RunStatus.APPLIED);
    }
}
