package org.automigrate.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.automigrate.engine.MigrateException;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shadows a run creates (PostgreSQL: schemas in the target database, for replaying the changelog; MariaDB:
 * databases) are gone when it ends, whether it succeeds or fails; one a killed run left behind is dropped by the next run once it is a day
 * old (on PostgreSQL also an old shadow database of an earlier version), and a younger one (perhaps a live
 * run's) is kept.
 */
class ShadowDatabaseIT {
    private static final Pattern CREATED = Pattern.compile("shadow (?:database|schema) (automigrate_shadow_\\d+_[0-9a-f]{8})");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void shadowsAreDroppedAfterSuccessAndFailureAndOldLeftoversByTheNextRun(DatabaseKind kind) throws Exception {
        try (Servers.Database db = kind == DatabaseKind.POSTGRESQL ? Servers.postgres() : Servers.mariadb()) {
            Project project = new Project(dir);
            String old = ShadowDatabase.PREFIX + (Instant.now().minus(ShadowDatabase.LEFTOVER_AGE).getEpochSecond() - 60) + "_deadbeef";
            String young = ShadowDatabase.PREFIX + (Instant.now().getEpochSecond() - 3 * 3600) + "_cafebabe";
            boolean pg = kind == DatabaseKind.POSTGRESQL;
            String oldDatabase = ShadowDatabase.PREFIX + (Instant.now().minus(ShadowDatabase.LEFTOVER_AGE)
                    .getEpochSecond() - 120) + "_0ddba5e0";
            db.execute(pg ? new String[] {"create schema " + old, "create schema " + young, "create database " + oldDatabase}
                    : new String[] {"create database " + old, "create database " + young});
            try {
                project.engine("v1", b -> b.url(db.url()).credentials(db.username(), db.password())).auto();
                db.execute("insert into customer (name, email, status) values ('Ada', 'ada@x', 'ACTIVE')");
                assertThatThrownBy(() -> project.engine("v3", b -> b.url(db.url())
                        .credentials(db.username(), db.password())).auto()).isInstanceOf(MigrateException.class);
                // the CI gate replays the changelog in a shadow (on PostgreSQL the model itself is made in the
                // session's temporary schema, which needs no shadow): once passing, once failing
                project.engine("v1", b -> b.url(db.url()).credentials(db.username(), db.password())).check();
                assertThatThrownBy(() -> project.engine("v3", b -> b.url(db.url())
                        .credentials(db.username(), db.password())).check()).isInstanceOf(MigrateException.class);

                List<String> created = new ArrayList<>();
                Matcher m = CREATED.matcher(project.listener.all());
                while (m.find()) {
                    created.add(m.group(1));
                }
                assertThat(created).hasSizeGreaterThanOrEqualTo(2);
                List<String> existing = shadows(db);
                assertThat(existing).doesNotContainAnyElementsOf(created);
                assertThat(existing).doesNotContain(old).contains(young);
                if (pg) {
                    assertThat(db.queryValue("select count(*) from pg_database where datname = '" + oldDatabase + "'"))
                            .as("an old shadow database of an earlier version").isEqualTo(0L);
                }
            } finally {
                db.execute(pg ? new String[] {"drop schema if exists " + old, "drop schema if exists " + young,
                        "drop database if exists " + oldDatabase}
                        : new String[] {"drop database if exists " + old, "drop database if exists " + young});
            }
        }
    }

    private static List<String> shadows(Servers.Database db) throws Exception {
        String sql = db.kind() == DatabaseKind.POSTGRESQL
                ? "select nspname from pg_namespace where nspname like 'automigrate\\_shadow\\_%'"
                : "select schema_name from information_schema.schemata where schema_name like 'automigrate\\_shadow\\_%'";
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
