package org.automigrate.engine.changelog;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;

import liquibase.Scope;
import liquibase.logging.LogMessageFilter;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;

/**
 * Runs Liquibase code in a scope that resolves changelogs against the resource root, sends its log and
 * console output to the listener's {@code detail}, and keeps its analytics off.
 */
public final class LiquibaseScope {

    /** Work done inside the scope. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    private LiquibaseScope() {
    }

    /** Runs work that reads no changelog (snapshots and diffs). */
    public static <T> T call(EngineListener listener, Work<T> work) throws Exception {
        return call(null, listener, work);
    }

    public static <T> T call(Path root, EngineListener listener, Work<T> work) throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        if (root != null) {
            try {
                attributes.put(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(root.toFile()));
            } catch (java.io.FileNotFoundException e) {
                throw new MigrateException(ErrorCode.IO, "The changelog root " + root + " does not exist.", e);
            }
        }
        attributes.put(Scope.Attr.logService.name(), new DetailLogService(listener));
        attributes.put(Scope.Attr.ui.name(), new LoggerUIService());
        attributes.put("liquibase.analytics.enabled", false);
        attributes.put("liquibase.showBanner", false);
        // a lock left by another tool fails within a minute, not Liquibase's default five
        attributes.put("liquibase.changelogLockWaitTimeInMinutes", 1L);
        attributes.put(Scope.Attr.classLoader.name(), LiquibaseScope.class.getClassLoader());
        return Scope.child(attributes, work::run);
    }

    private static final class DetailLogService extends AbstractLogService {
        private final EngineListener listener;

        DetailLogService(EngineListener listener) {
            this.listener = listener;
        }

        @Override
        public int getPriority() {
            return PRIORITY_SPECIALIZED;
        }

        @Override
        public Logger getLog(Class clazz) {
            return new AbstractLogger(new LogMessageFilter() {
                @Override
                public String filterMessage(String message) {
                    return message;
                }
            }) {
                @Override
                public void log(Level level, String message, Throwable e) {
                    if (message != null && level.intValue() >= Level.INFO.intValue()) {
                        listener.detail("[liquibase] " + message);
                    }
                }
            };
        }
    }
}
