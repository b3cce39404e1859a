package org.automigrate.bench;

import java.nio.file.Path;

import org.automigrate.engine.AutoResult;
import org.automigrate.engine.DiffResult;
import org.automigrate.engine.RunStatus;

/** One measured operation on a generated model: prepared (not timed), then executed (timed). */
enum ModelOp {
    ENGINE_AUTO_EMPTY("engine `auto`, empty database"),
    HIB_UPDATE_EMPTY("Hibernate update (SchemaUpdate), empty database"),
    ENGINE_DIFF_BEHIND("engine `diff`, database one column behind"),
    HIB_UPDATE_BEHIND("Hibernate update, database one column behind"),
    ENGINE_NOOP("engine no-op `auto` (nothing changed)"),
    HIB_VALIDATE("Hibernate validate (SchemaValidator), database up to date");

    final String label;

    ModelOp(String label) {
        this.label = label;
    }

    boolean engine() {
        return name().startsWith("ENGINE");
    }

    /** Puts the files in place; returns the project directory the run works in. */
    Path prepare(Fixtures.ModelDirs dirs) {
        switch (this) {
            case ENGINE_AUTO_EMPTY, HIB_UPDATE_EMPTY -> {
                Fixtures.fresh(dirs.run());
                return dirs.run();
            }
            case ENGINE_DIFF_BEHIND, HIB_UPDATE_BEHIND -> {
                Fixtures.deleteTree(dirs.run());
                Fixtures.copyTree(dirs.current(), dirs.run());
                return dirs.run();
            }
            case ENGINE_NOOP -> {
                // the steady state: an untimed run first, so the fingerprint of a verified run is in place
                try {
                    Fixtures.engine(dirs.current(), dirs.base(), new Fixtures.Timeline()).auto();
                } catch (Exception e) {
                    throw new IllegalStateException(label + ": preparing the no-op run failed", e);
                }
                return dirs.current();
            }
            default -> {
                return dirs.current();
            }
        }
    }

    /** Runs the operation on a prepared project; throws when it does not do what it should. */
    void execute(Fixtures.ModelDirs dirs, Path project, Fixtures.Timeline timeline) throws Exception {
        Path db = Fixtures.db(project);
        switch (this) {
            case ENGINE_AUTO_EMPTY -> expect(Fixtures.engine(project, dirs.base(), timeline).auto().status(),
                    RunStatus.APPLIED);
            case ENGINE_DIFF_BEHIND -> {
                DiffResult result = Fixtures.engine(project, dirs.plus(), timeline).diff();
                expect(result.status(), RunStatus.APPLIED);
            }
            case ENGINE_NOOP -> {
                AutoResult result = Fixtures.engine(project, dirs.base(), timeline).auto();
                expect(result.status(), RunStatus.NO_CHANGES);
            }
            case HIB_UPDATE_EMPTY -> HibernateAction.run("update", dirs.base(), db);
            case HIB_UPDATE_BEHIND -> HibernateAction.run("update", dirs.plus(), db);
            case HIB_VALIDATE -> HibernateAction.run("validate", dirs.base(), db);
        }
    }

    private void expect(RunStatus actual, RunStatus expected) {
        if (actual != expected) {
            throw new IllegalStateException(label + ": status " + actual + ", expected " + expected);
        }
    }
}
