package org.automigrate.engine.support;

import java.util.ArrayList;
import java.util.List;

import org.automigrate.engine.EngineListener;

/** Records what the engine says, for assertions. */
public final class RecordingListener implements EngineListener {
    public final List<String> steps = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<String> details = new ArrayList<>();

    @Override
    public void step(String message) {
        steps.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void detail(String message) {
        details.add(message);
    }

    public String all() {
        return String.join("\n", steps) + "\n" + String.join("\n", warnings) + "\n" + String.join("\n", details);
    }
}
