package org.automigrate.engine;

import java.nio.file.Path;

/**
 * The empty changeset {@code new} wrote for a hand-written migration.
 *
 * @param changelogFile the file, included from the master changelog
 * @param changesetId   its changeset id
 */
public record NewResult(Path changelogFile, String changesetId) {
}
