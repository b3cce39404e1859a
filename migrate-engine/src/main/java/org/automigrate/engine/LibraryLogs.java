package org.automigrate.engine;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends Hibernate's and Liquibase's own log output to the listener's {@code detail} (Maven's debug
 * log) instead of the console. Hibernate logs through JBoss Logging, which is told to use
 * java.util.logging before Hibernate is first touched.
 */
final class LibraryLogs implements AutoCloseable {
    private static final String[] LOGGERS = {"org.hibernate", "org.jboss", "liquibase"};
    private static final ThreadLocal<EngineListener> CURRENT = new ThreadLocal<>();
    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            EngineListener listener = CURRENT.get();
            if (listener != null && record.getMessage() != null) {
                String message = record.getParameters() == null ? record.getMessage()
                        : java.text.MessageFormat.format(record.getMessage(), record.getParameters());
                listener.detail("[" + record.getLoggerName() + "] " + message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** JUL keeps loggers weakly: without these references their handlers would vanish with a GC. */
    private static final java.util.List<Logger> CONFIGURED = new java.util.ArrayList<>();

    static {
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "jdk");
        }
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            logger.setUseParentHandlers(false);
            logger.addHandler(HANDLER);
            logger.setLevel(Level.INFO);
            CONFIGURED.add(logger);
        }
    }

    private final EngineListener previous;

    private LibraryLogs(EngineListener listener) {
        previous = CURRENT.get();
        CURRENT.set(listener);
    }

    static LibraryLogs route(EngineListener listener) {
        return new LibraryLogs(listener);
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
