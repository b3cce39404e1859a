package org.automigrate.maven;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.logging.Log;

/** A Maven log with every level enabled (as with -X) that keeps each line as {@code level: text}. */
final class RecordingLog implements Log {
    private final List<String> lines = new ArrayList<>();

    List<String> lines() {
        return lines;
    }

    private void record(String level, CharSequence content, Throwable error) {
        lines.add(level + ": " + content + (error == null ? "" : " / " + error.getMessage()));
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public void debug(CharSequence content) {
        record("debug", content, null);
    }

    @Override
    public void debug(CharSequence content, Throwable error) {
        record("debug", content, error);
    }

    @Override
    public void debug(Throwable error) {
        record("debug", "", error);
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public void info(CharSequence content) {
        record("info", content, null);
    }

    @Override
    public void info(CharSequence content, Throwable error) {
        record("info", content, error);
    }

    @Override
    public void info(Throwable error) {
        record("info", "", error);
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public void warn(CharSequence content) {
        record("warn", content, null);
    }

    @Override
    public void warn(CharSequence content, Throwable error) {
        record("warn", content, error);
    }

    @Override
    public void warn(Throwable error) {
        record("warn", "", error);
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    public void error(CharSequence content) {
        record("error", content, null);
    }

    @Override
    public void error(CharSequence content, Throwable error) {
        record("error", content, error);
    }

    @Override
    public void error(Throwable error) {
        record("error", "", error);
    }
}
