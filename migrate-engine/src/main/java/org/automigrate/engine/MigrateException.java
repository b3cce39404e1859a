package org.automigrate.engine;

/**
 * The one exception the engine throws. Its message is written for the user: what failed, where, and
 * how to fix it. It never contains a password.
 */
public class MigrateException extends RuntimeException {
    private final ErrorCode code;

    public MigrateException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public MigrateException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
