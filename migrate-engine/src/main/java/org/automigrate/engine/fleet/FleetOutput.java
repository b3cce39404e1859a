package org.automigrate.engine.fleet;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import org.automigrate.engine.EngineListener;

/**
 * The one output of a run over many databases, safe across its threads: each database's lines prefixed with its
 * short name ({@code [tenant_17] Applied 1 changeset in 85 ms}), whole lines never interleaved, and a progress line
 * every few databases ({@code 37/400 migrated, 1 failed, 2 waiting for a lock}), at once when one starts waiting
 * for a lock, when all that are left wait for one, and after the last.
 */
final class FleetOutput {
    private final EngineListener out;
    private final int total;
    private final String verb;
    private final int every;
    private int succeeded;
    private int failed;
    private final Set<String> waiting = new LinkedHashSet<>();

    /**
     * @param verb what a database that succeeded is ({@code migrated}, {@code verified}, {@code read})
     */
    FleetOutput(EngineListener out, int total, String verb) {
        this.out = out;
        this.total = total;
        this.verb = verb;
        this.every = Math.max(1, Math.min(10, total / 10));
    }

    /** A line of the run itself, without a prefix. */
    synchronized void step(String message) {
        out.step(message);
    }

    /** A warning of the run itself, without a prefix. */
    synchronized void warn(String message) {
        out.warn(message);
    }

    /** The listener of one database's engine. */
    EngineListener forTarget(Target target) {
        return new TargetListener("[" + target.name() + "] ", target.name());
    }

    /** Counts a database as done; reports the progress every few, and after the last. */
    synchronized void finished(Target target, boolean hasFailed) {
        waiting.remove(target.name());
        if (hasFailed) {
            failed++;
        } else {
            succeeded++;
        }
        int done = succeeded + failed;
        // also when every database still to finish waits for a lock: the run is only waiting now
        if (total > 1 && (done % every == 0 || done == total || !waiting.isEmpty() && done + waiting.size() == total)) {
            progress();
        }
    }

    /** The progress line: {@code 37/400 migrated, 1 failed, 2 waiting for a lock}. */
    synchronized String progressLine() {
        return succeeded + "/" + total + " " + verb + ", " + failed + " failed"
                + (waiting.isEmpty() ? "" : ", " + waiting.size() + " waiting for a lock");
    }

    private void progress() {
        out.progress(progressLine());
    }

    /** Every line of {@code message}, prefixed. */
    private static void lines(String prefix, String message, Consumer<String> sink) {
        if (message == null) {
            sink.accept(prefix.strip());
            return;
        }
        message.lines().forEach(line -> sink.accept(prefix + line));
    }

    /** Prefixes a database's lines and tells the run when it waits for a lock and when it goes on. */
    private final class TargetListener implements EngineListener {
        private final String prefix;
        private final String name;

        TargetListener(String prefix, String name) {
            this.prefix = prefix;
            this.name = name;
        }

        @Override
        public void step(String message) {
            synchronized (FleetOutput.this) {
                waiting.remove(name);
                lines(prefix, message, out::step);
            }
        }

        @Override
        public void progress(String message) {
            synchronized (FleetOutput.this) {
                lines(prefix, message, out::progress);
            }
        }

        @Override
        public void waitingForLock(String message) {
            synchronized (FleetOutput.this) {
                lines(prefix, message, out::step);
                waiting.add(name);
                FleetOutput.this.progress();
            }
        }

        @Override
        public void warn(String message) {
            synchronized (FleetOutput.this) {
                lines(prefix, message, out::warn);
            }
        }

        @Override
        public void detail(String message) {
            synchronized (FleetOutput.this) {
                lines(prefix, message, out::detail);
            }
        }
    }
}
