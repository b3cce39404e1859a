package org.automigrate.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.automigrate.engine.EngineConfig;
import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

    @Test
    void aRelativeSqlitePathBelongsToTheProjectNotToTheWorkingDirectory() {
        Path project = Path.of("/work/shop").toAbsolutePath();
        EngineConfig config = EngineConfig.builder(project).url("jdbc:sqlite:data/shop.db?foreign_keys=true").build();
        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:" + project.resolve("data/shop.db") + "?foreign_keys=true");
        assertThat(config.database().sqliteFile()).isEqualTo(project.resolve("data/shop.db"));
        assertThat(EngineConfig.builder(project).url("jdbc:sqlite:/var/db/x.db").build().database().url())
                .isEqualTo("jdbc:sqlite:/var/db/x.db");
    }

    @Test
    void anUnsupportedUrlListsEverySupportedPrefix() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabaseTarget.of("jdbc:oracle:thin:@db", null, null))
                .hasMessageContaining("jdbc:sqlite:<file>, jdbc:postgresql://host/db, jdbc:mariadb://host/db or "
                        + "jdbc:mysql://host/db in <url> or -Dmigrate.url");
    }

    @Test
    void passwordsAreMaskedInUrlsAndScrubbedFromText() {
        DatabaseTarget target = DatabaseTarget.of("jdbc:sqlite:/tmp/x.db?password=Secret1&user=me", "me", "Other22");
        assertThat(target.maskedUrl()).isEqualTo("jdbc:sqlite:/tmp/x.db?password=****&user=me");
        assertThat(target.toString()).doesNotContain("Secret1").doesNotContain("Other22");
        assertThat(target.scrub("failed with Other22 at jdbc:postgresql://me:Secret1@host/db"))
                .isEqualTo("failed with **** at jdbc:postgresql://me:****@host/db");
    }
}
