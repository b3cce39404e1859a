package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.automigrate.engine.discovery.DiscoveredModel;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** discover, status, history and preview never write: the database file stays byte-identical. */
class ReadOnlyGoalsTest {
    @TempDir
    Path dir;

    @Test
    void discoverListsModelsWithTablesSourcesAndHashes() {
        DiscoverResult result = new Project(dir).engine("v1").discover();
        assertThat(result.entityCount()).isEqualTo(4);
        assertThat(result.tables()).containsExactly("customer", "order_line", "product", "purchase_order");
        assertThat(result.models()).extracting(DiscoveredModel::className, DiscoveredModel::kind, DiscoveredModel::table)
                .contains(org.assertj.core.groups.Tuple.tuple("org.automigrate.engine.testmodel.v1.Customer",
                                DiscoveredModel.Kind.ENTITY, "customer"),
                        org.assertj.core.groups.Tuple.tuple("org.automigrate.engine.testmodel.v1.Address",
                                DiscoveredModel.Kind.EMBEDDABLE, null));
        assertThat(result.models()).allSatisfy(m -> assertThat(m.hash()).matches("[0-9a-f]{12}"));
        assertThat(result.models().get(0).sourceFile()).endsWith(".java");
    }

    @Test
    void verifyRunsSqlitesFullIntegrityCheckAndChangesNothing() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        assertThat(project.engine("v1").verify().tables()).isEqualTo(4);
        project.execute("insert into customer (name, email) values ('Eve', 'e1'), ('Zoe', 'z1')");
        int pageSize = ((Number) project.query("pragma page_size").get(0).get(0)).intValue();
        int indexPage = ((Number) project.query("select rootpage from sqlite_master where name = 'idx_customer_name'")
                .get(0).get(0)).intValue();
        // a damaged index page (what a bad disk or a buggy writer leaves): the index key 'Zoe' becomes 'Zzz'
        byte[] bytes = java.nio.file.Files.readAllBytes(project.db);
        int from = (indexPage - 1) * pageSize;
        String page = new String(bytes, from, pageSize, java.nio.charset.StandardCharsets.ISO_8859_1);
        int key = page.lastIndexOf("Zoe");
        assertThat(key).as("the index key in its page").isPositive();
        bytes[from + key + 1] = 'z';
        bytes[from + key + 2] = 'z';
        java.nio.file.Files.write(project.db, bytes);
        String before = DbChecksum.ofFile(project.db);

        assertThatThrownBy(() -> project.engine("v1").verify())
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT);
                    assertThat(e.getMessage()).contains(project.db.toString(), "integrity_check finds",
                            "idx_customer_name", "migrate:restore");
                });
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(before);
    }

    @Test
    void previewOfANewDatabaseCreatesNoFile() {
        Project project = new Project(dir);
        PreviewResult preview = project.engine("v1").preview();
        assertThat(preview.status()).isEqualTo(RunStatus.DRY_RUN);
        assertThat(preview.databaseExists()).isFalse();
        assertThat(preview.changes()).hasSize(4);
        assertThat(preview.changes().get(0).sql().get(0)).startsWith("CREATE TABLE customer (");
        assertThat(project.db).doesNotExist();
        assertThat(dir.resolve("src")).doesNotExist();
    }

    @Test
    void previewAndStatusWithPendingChangesetsLeaveTheDatabaseByteIdentical() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        Path db2 = dir.resolve("teammate.db");
        // a teammate generated v2's changeset against their own database; ours has not run it
        new Engine(project.config("v2").url("jdbc:sqlite:" + db2).build(), EngineListener.SILENT).auto();
        project.execute("insert into customer (name) values ('Ada')");
        String file = DbChecksum.ofFile(project.db);

        PreviewResult preview = project.engine("v2").preview();
        assertThat(preview.pending()).hasSize(1);
        assertThat(preview.changes()).isEmpty();
        StatusResult status = project.engine("v2").status();
        assertThat(status.pending()).hasSize(1);
        assertThat(status.appliedCount()).isEqualTo(1);
        assertThat(status.upToDate()).isFalse();
        assertThat(status.lastRun().succeeded()).isTrue();
        assertThat(project.engine("v2").history(0).entries()).hasSize(1);
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(file);

        AutoResult applied = project.engine("v2").auto();
        assertThat(applied.pendingApplied()).hasSize(1);
        assertThat(applied.changelogFile()).isNull();
        assertThat(project.query("select loyaltyPoints from customer")).containsExactly(java.util.List.of(0));
        assertThat(project.engine("v2").status().upToDate()).isTrue();
    }

    @Test
    void entitiesOnJavaxPersistenceAreReportedNotIgnored() {
        assertThatThrownBy(() -> new Project(dir).engine("legacy").discover())
                .hasMessageContaining("org.automigrate.engine.testmodel.legacy.OldStyle")
                .hasMessageContaining("jakarta.persistence")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.MODEL);
    }

    @Test
    void aMalformedUrlIsAConfigurationError() {
        assertThatThrownBy(() -> new Project(dir).engine("v1", c -> c.url("jdbc:oracle:thin:@x")).discover())
                .hasMessageContaining("not a JDBC URL this plugin supports")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(Files.exists(dir.resolve("shop.db"))).isFalse();
    }
}
