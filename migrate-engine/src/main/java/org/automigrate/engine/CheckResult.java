package org.automigrate.engine;

import java.time.Duration;

/**
 * A passed {@code check}: the changelog replays on an empty database and covers the whole model.
 *
 * @param changesets the number of changesets replayed
 * @param tables     the number of tables of the model
 * @param elapsed    how long it took
 */
public record CheckResult(int changesets, int tables, Duration elapsed) {
}
