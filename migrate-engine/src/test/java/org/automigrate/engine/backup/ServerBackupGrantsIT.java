package org.automigrate.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.automigrate.engine.EngineListener;
import org.automigrate.engine.config.BackupPolicy;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a PostgreSQL restore the application's role still has the rights it was granted. */
class ServerBackupGrantsIT {
    @TempDir
    Path dir;

    @Test
    void grantsSurviveARestore() throws Exception {
        String role = "am_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Servers.Database db = Servers.postgres()) {
            db.execute("create role " + role, "create table account (id int primary key, owner varchar(40))",
                    "insert into account values (1, 'Ada')", "grant select, insert on account to " + role);
            try {
                ServerBackup backups = new ServerBackup(BackupPolicy.defaults(), db.target(), dir, EngineListener.SILENT);
                Path backup = backups.take();
                db.execute("create table later (id int)", "revoke all on account from " + role);
                backups.restore(backup);
                assertThat(db.queryValue("select has_table_privilege('" + role + "', 'account', 'INSERT')")).isEqualTo(true);
                assertThat(db.queryValue("select count(*) from account")).asString().isEqualTo("1");
                assertThat(db.queryValue("select to_regclass('later')")).isNull();
            } finally {
                db.execute("drop owned by " + role, "drop role if exists " + role);
            }
        }
    }
}
