package org.automigrate.maven;

import org.apache.maven.plugin.logging.Log;
import org.automigrate.engine.EngineListener;

/** Forwards what the engine reports to Maven's log: steps and progress as info, details as debug ({@code -X}). */
final class MavenLogListener implements EngineListener {
    private final Log log;

    MavenLogListener(Log log) {
        this.log = log;
    }

    @Override
    public void step(String message) {
        log.info(message);
    }

    @Override
    public void progress(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void detail(String message) {
        log.debug(message);
    }
}
