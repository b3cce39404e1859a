package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.automigrate.engine.support.ModelCompiler;
import org.automigrate.engine.support.RecordingListener;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL makes a small model in the session's temporary schema and a big one (more than 400 tables) in a
 * shadow schema, dropped a hundred tables at a time: a killed session would leave the server to drop a big
 * model's temporary tables in one transaction, beyond its lock table. Either way nothing is left behind.
 */
class ServerBigModelIT {
    @TempDir
    Path tmp;

    @Test
    void aModelOfMoreThanFourHundredTablesIsMadeInAShadowSchemaAndLeavesNothing() throws Exception {
        try (Servers.Database db = Servers.postgres()) {
            RecordingListener big = new RecordingListener();
            PreviewResult preview = engine(db, model(401, "big"), big).preview();
            assertThat(preview.changes()).hasSize(401);
            assertThat(big.all()).contains("created in the shadow schema automigrate_shadow_");

            RecordingListener small = new RecordingListener();
            assertThat(engine(db, model(3, "small"), small).preview().changes()).hasSize(3);
            assertThat(small.all()).contains("created in a temporary schema");

            assertThat(db.queryValue("select count(*) from pg_namespace where nspname like 'automigrate%'"))
                    .as("shadow schemas left behind").isEqualTo(0L);
            assertThat(db.queryValue("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname like 'pg_temp%' and c.relname like 'e%'")).as("temporary tables left").isEqualTo(0L);
        }
    }

    private Path model(int entities, String name) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 1; i <= entities; i++) {
            sources.put("big.E" + i, """
                    package big;

                    import jakarta.persistence.*;

                    @Entity
                    public class E%d {
                        @Id Long id;
                        @Column(length = 40) String name;
                    }
                    """.formatted(i));
        }
        return ModelCompiler.compile(sources, tmp.resolve("classes-" + name));
    }

    private Engine engine(Servers.Database db, Path classes, RecordingListener listener) {
        return new Engine(EngineConfig.builder(tmp.resolve("app")).scanRoots(List.of(classes)).classpath(List.of(classes))
                .url(db.url()).credentials(db.username(), db.password()).build(), listener);
    }
}
