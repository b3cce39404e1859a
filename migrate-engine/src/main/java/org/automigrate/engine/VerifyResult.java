package org.automigrate.engine;

import java.time.Duration;

/**
 * A passed {@code verify}: the database matches the model.
 *
 * @param database the database, URL masked
 * @param tables   the number of tables compared
 * @param elapsed  how long it took
 */
public record VerifyResult(String database, int tables, Duration elapsed) {
}
