package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Narrowing is checked against the data on SQLite: values that do not fit stop the run unless {@code truncate} names the column. */
class NarrowingTest {
    private static final String HISTORY = "automigrate_history";

    @TempDir
    java.nio.file.Path dir;

    /** The v1 database, with customer.name declared wider (varchar(200)) than the model's varchar(100). */
    private Project widened() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("pragma writable_schema = 1",
                "update sqlite_master set sql = replace(sql, 'varchar(100)', 'varchar(200)') where name = 'customer'",
                "pragma writable_schema = 0",
                "create table bump (x)", "drop table bump"); // writable_schema leaves schema_version as it was
        return project;
    }

    @Test
    void valuesThatDoNotFitStopTheRunEvenWithAllowDestructiveAndLeaveEverythingAsItWas() throws Exception {
        Project project = widened();
        project.execute("insert into customer (name, email) values ('" + "x".repeat(150) + "', 'a'), ('Bob', 'b'), ('"
                + "y".repeat(101) + "', 'c')");
        String before = DbChecksum.of(project.db, HISTORY);
        int files = project.changeFiles().size();

        assertThatThrownBy(() -> project.engine("v1", c -> c.allowDestructive(true)).auto())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("Cannot narrow customer.name to varchar(100): 2 rows hold longer values, e.g. id=1 '"
                        + "x".repeat(20) + "...', id=3 '" + "y".repeat(20) + "...'")
                .hasMessageContaining("allowDestructive allows dropping what the model no longer has, not cutting what it keeps")
                .hasMessageContaining("-Dmigrate.truncate=customer.name")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED);

        assertThat(DbChecksum.of(project.db, HISTORY)).isEqualTo(before);
        assertThat(project.changeFiles()).hasSize(files);
        assertThat(project.count("customer")).isEqualTo(3);
    }

    @Test
    void truncateNamingTheColumnCutsTheValuesToTheLengthTheModelDeclares() throws Exception {
        Project project = widened();
        project.execute("insert into customer (name, email) values ('" + "x".repeat(150) + "', 'a'), ('Bob', 'b')");

        AutoResult result = project.engine("v1", c -> c.allowDestructive(true).truncate(List.of("Customer.Name"))).auto();

        assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(result.changes()).singleElement().extracting(PlannedChange::description).asString()
                .contains("cut customer.name to 100 characters (1 row, truncate)");
        assertThat(project.query("select id, length(name) from customer order by id"))
                .containsExactly(List.of(1, 100), List.of(2, 3));
    }

    @Test
    void valuesThatFitAreNarrowedAsBeforeWithAllowDestructive() throws Exception {
        Project project = widened();
        project.execute("insert into customer (name, email) values ('" + "x".repeat(100) + "', 'a'), ('Bob', 'b')");

        assertThatThrownBy(() -> project.engine("v1").auto())
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.DESTRUCTIVE_BLOCKED);
        AutoResult result = project.engine("v1", c -> c.allowDestructive(true)).auto();

        assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(project.query("select id, length(name) from customer order by id"))
                .containsExactly(List.of(1, 100), List.of(2, 3));
        assertThat(project.query("select sql like '%varchar(100)%' from sqlite_master where name = 'customer'"))
                .containsExactly(List.of(1));
    }

    @Test
    void aMalformedTruncateEntryIsAConfigurationError() {
        assertThatThrownBy(() -> new Project(dir).config("v1").truncate(List.of("name")).build())
                .isInstanceOf(MigrateException.class)
                .hasMessageContaining("The truncate entry 'name' is malformed")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
    }
}
