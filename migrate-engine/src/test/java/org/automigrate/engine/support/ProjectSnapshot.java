package org.automigrate.engine.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What "nothing changed" means for a project: the database file's bytes and every file and directory
 * under the project directory (by relative path).
 */
public record ProjectSnapshot(String databaseBytes, List<String> files) {

    public static ProjectSnapshot of(Project project) throws Exception {
        return new ProjectSnapshot(Files.exists(project.db) ? DbChecksum.ofFile(project.db) : "(no file)",
                files(project.dir));
    }

    public static List<String> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : ""))
                    .sorted().toList();
        }
    }
}
