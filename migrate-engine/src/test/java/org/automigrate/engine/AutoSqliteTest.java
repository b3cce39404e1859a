package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoSqliteTest {
    @TempDir
    Path dir;

    @Test
    void createsTheSchemaOnANewDatabaseThenIsANoOp() throws Exception {
        Project project = new Project(dir);
        AutoResult first = project.engine("v1").auto();

        assertThat(first.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(first.created()).isTrue();
        assertThat(first.backupFile()).isNull();
        assertThat(first.verified()).isTrue();
        assertThat(first.applied()).hasSize(1);
        assertThat(first.changelogFile()).exists()
                .hasFileName("0001_create_tables_customer_product_purchase_order.yaml");
        assertThat(project.query("select name from sqlite_master where type='table' order by name"))
                .extracting(r -> r.get(0))
                .contains("customer", "order_line", "product", "purchase_order", "DATABASECHANGELOG",
                        "automigrate_history");
        assertThat(project.query("pragma foreign_key_list(order_line)")).hasSize(2);
        assertThat(project.query("select name from pragma_index_list('order_line') where origin='u'")).hasSize(1);
        assertThat(project.query("select status, goal from automigrate_history"))
                .containsExactly(java.util.List.of("SUCCESS", "auto"));

        String checksum = DbChecksum.ofFile(project.db);
        AutoResult second = project.engine("v1").auto();
        assertThat(second.status()).isEqualTo(RunStatus.NO_CHANGES);
        assertThat(project.changeFiles()).hasSize(1);
        assertThat(project.backups()).isEmpty();
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(checksum);

    }

    @Test
    void evolvesTheModelKeepingEveryRow() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')",
                "insert into customer (name, email, status) values ('Bob', 'bob@x', 'BLOCKED')",
                "insert into product (sku, price) values ('A-1', 9.5)");

        AutoResult result = project.engine("v2").auto();

        assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(result.backupFile()).exists();
        assertThat(result.backupFile().getFileName().toString()).matches("shop\\.db\\.backup_\\d{8}_\\d{6}");
        assertThat(project.changeFiles()).hasSize(2);
        assertThat(project.query("select name, email, loyaltyPoints, phone from customer order by id"))
                .containsExactly(java.util.Arrays.asList("Ada", "ada@x", 0, null),
                        java.util.Arrays.asList("Bob", "bob@x", 0, null));
        assertThat(project.count("product")).isEqualTo(1);
        assertThat(project.query("select count(*) from region_seq")).containsExactly(java.util.List.of(1));
        assertThat(project.engine("v2").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
    }

    @Test
    void notNullColumnWithoutDefaultOnATableWithRowsStopsAndChangesNothing() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email) values ('Ada', 'ada@x')");
        String before = DbChecksum.of(project.db);
        String file = DbChecksum.ofFile(project.db);

        assertThatThrownBy(() -> project.engine("v3").auto())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("customer.nickname")
                .hasMessageContaining("holds 1 row")
                .hasMessageContaining("@ColumnDefault")
                .hasMessageContaining("it needs org.hibernate.orm:hibernate-core as a compile-scope dependency")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.NOT_NULL_WITHOUT_DEFAULT);

        assertThat(DbChecksum.of(project.db)).isEqualTo(before);
        assertThat(DbChecksum.ofFile(project.db)).isEqualTo(file);
        assertThat(project.changeFiles()).hasSize(1);
        assertThat(project.backups()).isEmpty();
    }

    @Test
    void twoEntitiesOnOneTableStopAtDiscovery() {
        Project project = new Project(dir);
        assertThatThrownBy(() -> project.engine("dup").auto())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("org.automigrate.engine.testmodel.dup.Item")
                .hasMessageContaining("org.automigrate.engine.testmodel.dup.LegacyItem")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.MODEL);
        assertThat(Files.exists(project.db)).isFalse();
    }
}
