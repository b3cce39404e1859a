package org.automigrate.it.rename;

/** Step 3 checks the database in verify.groovy; nothing to run here. */
final class NoTest {
    private NoTest() {
    }
}
