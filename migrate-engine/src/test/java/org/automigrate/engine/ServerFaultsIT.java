package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.automigrate.engine.support.Project;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad server input fails with a message that says what to do, names no password, and changes nothing. */
class ServerFaultsIT {
    private static final String SECRET = "s3cret-Pa55word";

    @TempDir
    Path dir;

    @Test
    void anUnreachableServerSaysSoWithoutThePassword() {
        Project project = new Project(dir);
        assertThatThrownBy(() -> project.engine("v1", b -> b.url("jdbc:postgresql://127.0.0.1:1/shop")
                .credentials("app", SECRET)).status())
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
                    assertThat(e.getMessage()).contains("127.0.0.1:1", "Is the server running");
                    assertNoSecret(e);
                });
    }

    @Test
    void aMissingDatabaseIsNamedWithTheCommandThatCreatesIt() throws Exception {
        try (Servers.Database db = Servers.postgres()) {
            Project project = new Project(dir);
            String url = db.url() + "_missing";
            assertThatThrownBy(() -> project.engine("v1", b -> b.url(url).credentials(db.username(), SECRET)).auto())
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
                        assertThat(e.getMessage()).contains("does not exist", "CREATE DATABASE " + db.name() + "_missing");
                        assertNoSecret(e);
                    });
            assertThat(project.changeFiles()).isEmpty();
        }
    }

    @Test
    void rejectedCredentialsAreReportedWithoutThePassword() throws Exception {
        try (Servers.Database db = Servers.mariadb()) {
            Project project = new Project(dir);
            assertThatThrownBy(() -> project.engine("v1", b -> b.url(db.url()).credentials("nobody_here", SECRET)).auto())
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE);
                        assertThat(e.getMessage()).contains(" server at " + db.host() + ":" + db.port() + " rejected the credentials",
                                "nobody_here");
                        assertNoSecret(e);
                    });
            assertThat(db.tableDigests()).isEmpty();
            assertThat(project.changeFiles()).isEmpty();
        }
    }

    @Test
    void discoverNeedsNoServer() {
        Project project = new Project(dir);
        DiscoverResult result = project.engine("v1", b -> b.url("jdbc:mariadb://127.0.0.1:1/shop")).discover();
        assertThat(result.tables()).contains("customer", "purchase_order");
    }

    @Test
    void aUrlWithoutADatabaseIsAConfigurationError() {
        Project project = new Project(dir);
        assertThatThrownBy(() -> project.engine("v1", b -> b.url("jdbc:postgresql://127.0.0.1:5432/")).status())
                .isInstanceOfSatisfying(MigrateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("names no database");
                });
    }

    @Test
    void aTableInAnotherSchemaIsRefusedWithTheUrlThatMigratesIt() throws Exception {
        try (Servers.Database db = Servers.postgres()) {
            Project project = new Project(dir);
            assertThatThrownBy(() -> project.engine("schema", b -> b.url(db.url()).credentials(db.username(), null)).auto())
                    .isInstanceOfSatisfying(MigrateException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MODEL);
                        assertThat(e.getMessage()).contains("Ledger", "schema = \"accounting\"", "currentSchema=");
                    });
            assertThat(db.tableDigests()).isEmpty();
            assertThat(project.changeFiles()).isEmpty();
        }
    }

    private static void assertNoSecret(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
        }
    }
}
