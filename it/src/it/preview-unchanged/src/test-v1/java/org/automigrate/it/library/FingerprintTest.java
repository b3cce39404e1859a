package org.automigrate.it.library;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Step 1 ends here: records what step 2 (preview) must leave as it is, in
 * target/before-preview.properties. Reads files only, so the database file is not touched.
 */
class FingerprintTest {

    @Test
    void recordsFingerprints() throws IOException, NoSuchAlgorithmException {
        Path base = Path.of(System.getProperty("basedir", "."));
        Path db = base.resolve("preview-unchanged.db");
        Path changelog = base.resolve("src/main/resources/db/changelog");
        assertTrue(Files.isRegularFile(db), "no database after auto: " + db);

        Properties fingerprints = new Properties();
        fingerprints.setProperty("db.sha256", sha256(db));
        fingerprints.setProperty("master.sha256", sha256(changelog.resolve("db.changelog-master.yaml")));
        try (Stream<Path> files = Files.list(changelog.resolve("changes"))) {
            fingerprints.setProperty("changes", String.join(",",
                    files.map(file -> file.getFileName().toString()).sorted().toList()));
        }
        try (Writer out = Files.newBufferedWriter(base.resolve("target/before-preview.properties"))) {
            fingerprints.store(out, "after step 1 (auto on v1)");
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
