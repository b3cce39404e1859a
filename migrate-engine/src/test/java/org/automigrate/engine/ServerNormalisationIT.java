package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.support.Project;
import org.automigrate.engine.support.ServerValidate;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No spurious differences: after {@code auto} creates a model with every common Java type (sequences,
 * a version column, LOBs, UUIDs, time types with precision, ordinal and named enums, an element collection,
 * a multi-column unique constraint) or an inheritance zoo, the server reports nothing to do, a replay of the
 * changelog covers the model, and Hibernate's own validate accepts the schema.
 */
class ServerNormalisationIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POSTGRESQL, types", "MARIADB, types", "POSTGRESQL, zoo", "MARIADB, zoo"})
    void aCreatedModelShowsNoDifference(DatabaseKind kind, String model) throws Exception {
        try (Servers.Database db = ServerScenarioIT.database(kind)) {
            Project project = new Project(dir);
            AutoResult created = ServerScenarioIT.engine(project, db, model).auto();
            assertThat(created.status()).isEqualTo(RunStatus.APPLIED);

            PreviewResult again = ServerScenarioIT.engine(project, db, model).preview();
            assertThat(again.changes()).as("spurious differences").isEmpty();
            assertThat(again.status()).isEqualTo(RunStatus.NO_CHANGES);
            assertThat(ServerScenarioIT.engine(project, db, model).check().tables()).isEqualTo(created.changes().stream()
                    .filter(c -> c.description().startsWith("create table")).count());
            ServerValidate.validate(db, model);
        }
    }
}
