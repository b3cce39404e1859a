package org.automigrate.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.automigrate.engine.db.DatabaseKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The test-database helper: a unique database per handle, usable at once, gone after close. */
class ServersIT {

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void eachHandleHasItsOwnDatabaseDroppedOnClose(DatabaseKind kind) throws Exception {
        Servers.Database first = open(kind);
        String url = first.url();
        try (Servers.Database second = open(kind)) {
            assertThat(first.name()).startsWith("am_it_").isNotEqualTo(second.name());
            assertThat(first.target().url()).isEqualTo(url);
            first.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            assertThat(first.tableDigests()).containsOnlyKeys("t");
            assertThat(first.tableDigests().get("t")).startsWith("1 rows, ");
            assertThat(second.tableDigests()).isEmpty();
            first.close();
            assertThat(exists(second, first.name())).isFalse();
            assertThat(exists(second, second.name())).isTrue();
        } finally {
            first.close(); // idempotent
        }
    }

    private static Servers.Database open(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRESQL ? Servers.postgres("am_it") : Servers.mariadb("am_it");
    }

    private static boolean exists(Servers.Database via, String name) throws Exception {
        String sql = via.kind() == DatabaseKind.POSTGRESQL ? "SELECT 1 FROM pg_database WHERE datname = ?"
                : "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?";
        try (Connection c = DriverManager.getConnection(via.url(), via.username(), via.password());
             PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
