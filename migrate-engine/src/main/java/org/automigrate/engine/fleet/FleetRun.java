package org.automigrate.engine.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import liquibase.Scope;
import liquibase.SingletonScopeManager;
import org.automigrate.engine.ApplyResult;
import org.automigrate.engine.AutoResult;
import org.automigrate.engine.Engine;
import org.automigrate.engine.EngineConfig;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.SharedModel;
import org.automigrate.engine.db.DatabaseKind;

/**
 * Runs one goal on many databases ({@link FleetSettings}): each database is read, compared, backed up,
 * migrated, verified and recorded on its own, with its own lock and history, exactly as a single run does it;
 * what does not depend on the database is done once.
 *
 * <ul>
 *   <li><b>Once per run</b>: the databases are resolved ({@link Targets}), and the model (discovery,
 *       Hibernate's bootstrap, the desired schema from the shadow) is loaded once per kind of database and shared
 *       by every database of that kind.</li>
 *   <li><b>{@code auto}</b>: the databases are taken in order until one succeeds with {@code auto}: that one
 *       generates the changeset (when the model needs one) into the one changelog. Every other database then runs
 *       {@code apply} of that changelog, so each gets exactly what it lacks (a database restored from an old backup
 *       gets the older changesets too), and one with nothing pending is verified against the model. A changeset is
 *       never generated from a second database: it would land in the changelog every database applies.</li>
 *   <li><b>Parallel</b>: {@code threads} workers ({@link FleetSettings#effectiveThreads}); a database's work
 *       runs on one thread; its output lines carry its name, and a progress line follows every few databases.</li>
 *   <li><b>All or report</b>: every database is attempted (with {@code failFast}, none is started after the first
 *       failure); a failed one is left as a single run leaves it, the others are unaffected. The result lists every
 *       database; the run failed when one did, and the summary says which.</li>
 * </ul>
 * A changing goal runs on databases of one kind only: one changelog serves them.
 */
public final class FleetRun {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final EngineConfig config;
    private final EngineListener listener;

    /**
     * A run with {@code config}'s fleet settings and everything else every database shares; {@code listener} gets
     * the run's lines, each database's prefixed with its name, from several threads one line at a time.
     */
    public FleetRun(EngineConfig config, EngineListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** Resolves the databases and runs {@code goal} on each; the summary is the last lines of the output. */
    public FleetResult run(FleetGoal goal) {
        long start = System.nanoTime();
        return run(goal, Targets.resolve(config), start);
    }

    private FleetResult run(FleetGoal goal, List<Target> targets, long start) {
        Map<DatabaseKind, List<Target>> byKind = new LinkedHashMap<>();
        targets.forEach(t -> byKind.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(t));
        if (goal.changing() && byKind.size() > 1) {
            throw new MigrateException(ErrorCode.CONFIGURATION, goal.name() + " changes databases with one changelog, "
                    + "which serves one kind of database, but the targets are " + byKind.entrySet().stream()
                    .map(e -> e.getValue().size() + " " + e.getKey().label()).collect(Collectors.joining(" and "))
                    + ". Migrate each kind in a run of its own, with its own <changelogDirectory> (e.g. a Maven "
                    + "execution or profile per kind). Nothing was changed.");
        }
        int threads = config.fleet().effectiveThreads(targets.size());
        FleetOutput output = new FleetOutput(listener, targets.size(), verb(goal));
        output.step("Fleet: " + goal.name() + " on " + describe(byKind) + ", " + threads + " thread"
                + (threads == 1 ? "" : "s") + (config.fleet().failFast() ? ", failFast" : ""));
        TargetOutcome[] outcomes = new TargetOutcome[targets.size()];
        Map<DatabaseKind, SharedModel> models = new EnumMap<>(DatabaseKind.class);
        String generatedOn = null;
        Path changelogFile = null;
        try {
            if (goal.needsModel()) {
                loadModels(targets, byKind, outcomes, models, output);
            }
            List<Integer> remaining = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                if (outcomes[i] == null) {
                    remaining.add(i);
                }
            }
            Function<Engine, Object> call = goal.call();
            String perTarget = goal.name();
            if (goal.name().equals("auto")) {
                while (!remaining.isEmpty() && !(config.fleet().failFast() && anyFailed(outcomes))) {
                    int i = remaining.remove(0);
                    outcomes[i] = onOwnThread(() -> attempt(targets.get(i), goal, "auto", goal.call(), models, output));
                    if (!outcomes[i].failed()) {
                        if (outcomes[i].result() instanceof AutoResult auto && auto.changelogFile() != null) {
                            generatedOn = targets.get(i).name();
                            changelogFile = auto.changelogFile();
                        }
                        break;
                    }
                }
                call = FleetRun::applyThenVerify;
                perTarget = "apply";
            }
            parallel(remaining, targets, outcomes, goal, perTarget, call, models, output, threads);
        } finally {
            for (SharedModel model : models.values()) {
                try {
                    model.close();
                } catch (RuntimeException e) {
                    output.warn(String.valueOf(e.getMessage()));
                }
            }
        }
        FleetResult result = result(goal, threads, outcomes, generatedOn, changelogFile, start);
        FleetSummary.lines(result).forEach(output::step);
        return result;
    }

    /**
     * The model of each kind, loaded on the first database of the kind that can be reached (a database that cannot
     * is failed here); a model that cannot be loaded at all (the entities, the configuration) fails the whole run
     * before any database is touched.
     */
    private void loadModels(List<Target> targets, Map<DatabaseKind, List<Target>> byKind, TargetOutcome[] outcomes,
                            Map<DatabaseKind, SharedModel> models, FleetOutput output) {
        EngineListener plain = new EngineListener() {
            @Override
            public void step(String message) {
                output.step(message);
            }

            @Override
            public void warn(String message) {
                output.warn(message);
            }

            @Override
            public void detail(String message) {
                listener.detail(message);
            }
        };
        for (Map.Entry<DatabaseKind, List<Target>> kind : byKind.entrySet()) {
            for (Target target : kind.getValue()) {
                long start = System.nanoTime();
                try {
                    models.put(kind.getKey(), onOwnThread(() -> new Engine(config.forTarget(target.database()), plain)
                            .loadSharedModel()));
                    break;
                } catch (MigrateException e) {
                    if (e.code() != ErrorCode.UNREACHABLE) {
                        throw e;
                    }
                    outcomes[targets.indexOf(target)] = failed(target, "model", e, start, output);
                }
            }
        }
    }

    /** Runs the remaining databases on {@code threads} workers, in order; with failFast none starts after a failure. */
    private void parallel(List<Integer> remaining, List<Target> targets, TargetOutcome[] outcomes, FleetGoal goal,
                          String perTarget, Function<Engine, Object> call, Map<DatabaseKind, SharedModel> models,
                          FleetOutput output, int threads) {
        if (remaining.isEmpty()) {
            return;
        }
        AtomicBoolean stop = new AtomicBoolean(config.fleet().failFast() && anyFailed(outcomes));
        ExecutorService pool = Executors.newFixedThreadPool(threads, workers());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i : remaining) {
                Target target = targets.get(i);
                futures.add(pool.submit(() -> {
                    if (config.fleet().failFast() && stop.get()) {
                        outcomes[i] = new TargetOutcome(target.name(), target.database().maskedUrl(), perTarget,
                                RunStatus.SKIPPED, 0, Duration.ZERO, null, null, null);
                        return;
                    }
                    TargetOutcome outcome = attempt(target, goal, perTarget, call, models, output);
                    outcomes[i] = outcome;
                    if (outcome.failed()) {
                        stop.set(true);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException(ErrorCode.INTERNAL, "The run over many databases was interrupted; the "
                    + "databases that had started finish or roll back as single runs do.", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** One database's goal, on the current thread; a failure is its outcome, not the run's. */
    private TargetOutcome attempt(Target target, FleetGoal goal, String goalName, Function<Engine, Object> call,
                                  Map<DatabaseKind, SharedModel> models, FleetOutput output) {
        EngineListener out = output.forTarget(target);
        long start = System.nanoTime();
        try {
            Engine engine = new Engine(config.forTarget(target.database()), out,
                    goal.needsModel() ? models.get(target.kind()) : null);
            Object result = call.apply(engine);
            goal.lines().apply(result).forEach(out::step);
            output.finished(target, false);
            return new TargetOutcome(target.name(), target.database().maskedUrl(), goalName,
                    FleetGoal.statusOf(result), FleetGoal.changesetsOf(result), since(start), null, null, result);
        } catch (MigrateException e) {
            return failed(target, goalName, e, start, output);
        } catch (RuntimeException e) {
            String message = "Stopped on an unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + target.database().scrub(e.getMessage()) + ")")
                    + ", which is a bug in the plugin; please report it with the output of mvn -e.";
            return failed(target, goalName, new MigrateException(ErrorCode.INTERNAL, message, e), start, output);
        }
    }

    private static TargetOutcome failed(Target target, String goalName, MigrateException e, long start,
                                        FleetOutput output) {
        String message = target.database().scrub(String.valueOf(e.getMessage()));
        output.forTarget(target).warn("FAILED: " + message);
        output.finished(target, true);
        return new TargetOutcome(target.name(), target.database().maskedUrl(), goalName, RunStatus.FAILED, 0,
                since(start), e.code(), message, null);
    }

    /**
     * {@code auto} on a database after the one that generated the changeset: the changelog's pending changesets,
     * verified as {@code auto} verifies; with none pending, the database is verified against the model (a single
     * {@code auto} would find any difference there too).
     */
    private static Object applyThenVerify(Engine engine) {
        ApplyResult applied = engine.apply(null, null);
        if (applied.status() == RunStatus.NO_CHANGES && engine.config().verify()) {
            engine.verify();
        }
        return applied;
    }

    /**
     * Runs {@code work} on a worker thread of its own and waits for it: Liquibase keeps its current scope per
     * thread group of inheritance, so every thread that runs Liquibase starts from a scope of its own.
     */
    private static <T> T onOwnThread(java.util.function.Supplier<T> work) {
        ExecutorService single = Executors.newSingleThreadExecutor(workers());
        try {
            return single.submit(work::get).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException(ErrorCode.INTERNAL, "The run over many databases was interrupted.", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            single.shutdown();
        }
    }

    /**
     * Worker threads, each with a Liquibase scope manager of its own. Liquibase holds the current scope in an
     * inheritable thread-local manager that, unset, is shared with the thread that created the worker: threads
     * entering and leaving scopes at once would then replace each other's (another changelog root, another log).
     */
    private static ThreadFactory workers() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(() -> {
                Scope.setScopeManager(new SingletonScopeManager());
                work.run();
            }, "automigrate-fleet-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private FleetResult result(FleetGoal goal, int threads, TargetOutcome[] outcomes, String generatedOn,
                               Path changelogFile, long start) {
        List<TargetOutcome> all = List.of(outcomes);
        int failed = (int) all.stream().filter(TargetOutcome::failed).count();
        int notStarted = (int) all.stream().filter(o -> o.status() == RunStatus.SKIPPED).count();
        int succeeded = all.size() - failed - notStarted;
        RunStatus status;
        if (failed > 0 || notStarted > 0) {
            status = RunStatus.FAILED;
        } else if (all.stream().anyMatch(o -> o.status() == RunStatus.APPLIED)) {
            status = RunStatus.APPLIED;
        } else if (all.stream().anyMatch(o -> o.status() == RunStatus.DRY_RUN)) {
            status = RunStatus.DRY_RUN;
        } else if (goal.changing() || goal.name().equals("preview")
                || all.stream().allMatch(o -> o.status() == RunStatus.NO_CHANGES)) {
            status = RunStatus.NO_CHANGES;
        } else {
            status = RunStatus.REPORTED;
        }
        return new FleetResult(status, goal.name(), threads, succeeded, failed, notStarted, generatedOn, changelogFile,
                all, since(start));
    }

    private static boolean anyFailed(TargetOutcome[] outcomes) {
        for (TargetOutcome outcome : outcomes) {
            if (outcome != null && outcome.failed()) {
                return true;
            }
        }
        return false;
    }

    private static String verb(FleetGoal goal) {
        return goal.changing() ? "migrated" : goal.name().equals("verify") ? "verified" : "read";
    }

    private static String describe(Map<DatabaseKind, List<Target>> byKind) {
        int total = byKind.values().stream().mapToInt(List::size).sum();
        Set<String> parts = new LinkedHashSet<>();
        byKind.forEach((kind, list) -> parts.add(list.size() + " " + kind.label()));
        return total + " database" + (total == 1 ? "" : "s") + " (" + String.join(", ", parts) + ")";
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
