package org.automigrate.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.automigrate.engine.AutoResult;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long statement (the row copy of a rebuild) says it is still running; changesets say when they start. */
class ApplyProgressTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreHeartbeat() {
        ChangelogApplier.heartbeatNanos = 5_000_000_000L;
    }

    @Test
    void aRebuildReportsProgressWhileItCopies() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("insert into customer (name, email) select 'n' || x, 'e' || x from "
                + "(with recursive c(x) as (select 1 union all select x + 1 from c where x < 50000) select x from c)");
        ChangelogApplier.heartbeatNanos = 0; // every progress callback reports, instead of every 5 s

        AutoResult result = project.engine("v4").auto();

        assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(project.listener.steps).anyMatch(line -> line.startsWith("Applying db/changelog/changes/0002_"));
        assertThat(project.listener.steps).anyMatch(line -> line.startsWith("Still applying 0002_"));
        assertThat(project.count("customer")).isEqualTo(50000);
    }
}
