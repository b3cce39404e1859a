package org.automigrate.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.automigrate.engine.MigrateException;
import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void readsHostPortDatabaseAndParameters() {
        ServerAddress pg = ServerAddress.parse("jdbc:postgresql://db.example:6543/shop?currentSchema=sales&ssl=true");
        assertThat(pg.kind()).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(pg.host()).isEqualTo("db.example");
        assertThat(pg.port()).isEqualTo(6543);
        assertThat(pg.database()).isEqualTo("shop");
        assertThat(pg.schema()).isEqualTo("sales");
        assertThat(pg.urlFor("automigrate_shadow_1_ab")).isEqualTo(
                "jdbc:postgresql://db.example:6543/automigrate_shadow_1_ab?currentSchema=sales&ssl=true");
        assertThat(pg.withSchema("automigrate_shadow_1_ab")).as("the PostgreSQL shadow: a schema in the same database")
                .isEqualTo("jdbc:postgresql://db.example:6543/shop?currentSchema=automigrate_shadow_1_ab&ssl=true");
    }

    @Test
    void defaultsThePortAndThePostgresSchema() {
        assertThat(ServerAddress.parse("jdbc:postgresql://localhost/shop").port()).isEqualTo(5432);
        assertThat(ServerAddress.parse("jdbc:postgresql://localhost/shop").schema()).isEqualTo("public");
        assertThat(ServerAddress.parse("jdbc:mariadb://localhost/shop").port()).isEqualTo(3306);
        assertThat(ServerAddress.parse("jdbc:mariadb://localhost/shop").schema()).isEqualTo("shop");
    }

    @Test
    void aMysqlUrlIsConnectedThroughTheMariadbDriver() {
        ServerAddress mysql = ServerAddress.parse("jdbc:mysql://127.0.0.1:3307/shop?user=app&password=pw");
        assertThat(mysql.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(mysql.url()).startsWith("jdbc:mariadb://127.0.0.1:3307/shop?");
        assertThat(mysql.userInUrl()).isEqualTo("app");
        assertThat(mysql.passwordInUrl()).isEqualTo("pw");
    }

    @Test
    void refusesUrlsItCannotMigrate() {
        assertThatThrownBy(() -> ServerAddress.parse("jdbc:postgresql://localhost:5432/"))
                .isInstanceOf(MigrateException.class).hasMessageContaining("names no database");
        assertThatThrownBy(() -> ServerAddress.parse("jdbc:postgresql://a,b/shop"))
                .isInstanceOf(MigrateException.class).hasMessageContaining("several hosts");
        assertThatThrownBy(() -> ServerAddress.parse("jdbc:mariadb://host:port/shop?password=secret"))
                .isInstanceOf(MigrateException.class).hasMessageContaining("not a number")
                .hasMessageNotContaining("secret");
    }
}
