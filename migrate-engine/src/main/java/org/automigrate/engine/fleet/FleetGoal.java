package org.automigrate.engine.fleet;

import java.util.List;
import java.util.function.Function;

import org.automigrate.engine.ApplyResult;
import org.automigrate.engine.AutoResult;
import org.automigrate.engine.Engine;
import org.automigrate.engine.HistoryResult;
import org.automigrate.engine.PreviewResult;
import org.automigrate.engine.RunStatus;
import org.automigrate.engine.StatusResult;
import org.automigrate.engine.report.TextReport;

/**
 * A goal as a run over many databases runs it on each one: the engine call, what its result says (status and
 * changesets), and the report lines each database prints after its own step lines (only the read goals print
 * theirs: for a changing goal the step lines and the summary say it all).
 *
 * @param name       the goal ({@code auto}, {@code apply}, {@code verify}, {@code status}, {@code preview},
 *                   {@code history})
 * @param changing   whether it changes the databases (all of one kind then: one changelog serves them)
 * @param needsModel whether it compares with the model, which is then loaded once per kind of database
 * @param call       the goal on one database's engine
 * @param lines      the report lines of one database's result (empty for the changing goals)
 */
public record FleetGoal(String name, boolean changing, boolean needsModel, Function<Engine, Object> call,
                        Function<Object, List<String>> lines) {

    /** {@code auto}: the changeset is generated on the first database that succeeds, the others apply it. */
    public static FleetGoal auto() {
        return new FleetGoal("auto", true, true, Engine::auto, r -> List.of());
    }

    /** {@code apply}: the pending changesets (all, the next {@code count} files or {@code changesets}) on each. */
    public static FleetGoal apply(Integer count, Integer changesets) {
        return new FleetGoal("apply", true, true, e -> e.apply(count, changesets), r -> List.of());
    }

    /** {@code verify}: every database compared with the model; those that differ fail (the drift report). */
    public static FleetGoal verify() {
        return new FleetGoal("verify", false, true, Engine::verify, r -> List.of());
    }

    /** {@code status} of each database. */
    public static FleetGoal status() {
        return new FleetGoal("status", false, true, Engine::status, r -> TextReport.status((StatusResult) r));
    }

    /** {@code preview} of each database: what {@code auto} would do there. */
    public static FleetGoal preview() {
        return new FleetGoal("preview", false, true, Engine::preview, r -> TextReport.preview((PreviewResult) r));
    }

    /** {@code history} of each database, the newest {@code limit} runs (0: all). */
    public static FleetGoal history(int limit) {
        return new FleetGoal("history", false, false, e -> e.history(limit),
                r -> TextReport.history((HistoryResult) r));
    }

    /** The status a database's result gives it in the summary. */
    static RunStatus statusOf(Object result) {
        if (result instanceof AutoResult r) {
            return r.status();
        }
        if (result instanceof ApplyResult r) {
            return r.status();
        }
        if (result instanceof PreviewResult r) {
            return r.status();
        }
        if (result instanceof StatusResult r) {
            return r.upToDate() ? RunStatus.NO_CHANGES : RunStatus.DRY_RUN;
        }
        return RunStatus.REPORTED;
    }

    /** The changesets a database's result counts: applied by {@code auto}/{@code apply}, else pending. */
    static int changesetsOf(Object result) {
        if (result instanceof AutoResult r) {
            return r.applied().size();
        }
        if (result instanceof ApplyResult r) {
            return r.applied().size();
        }
        if (result instanceof PreviewResult r) {
            return r.pending().size();
        }
        if (result instanceof StatusResult r) {
            return r.pending().size();
        }
        return 0;
    }
}
