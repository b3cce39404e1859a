package org.automigrate.engine.support;

import java.nio.file.Path;

import org.automigrate.engine.AutoResult;
import org.automigrate.engine.Engine;
import org.automigrate.engine.EngineListener;
import org.automigrate.engine.MigrateException;

/**
 * Runs {@code auto} in a process of its own, so fault tests can kill it or run two at once.
 * Arguments: project directory, model package (e.g. {@code v2}), database URL, and optionally
 * {@code restore=<backup file>} to run {@code restore} instead. Prints every step and
 * progress line as the engine says it, warnings as {@code WARNING <text>}, then {@code RESULT <status>}
 * (exit 0) or {@code ERROR <code> <message>} (exit 2).
 */
public final class AutoMain {

    private AutoMain() {
    }

    public static void main(String[] args) {
        EngineListener printer = new EngineListener() {
            @Override
            public void step(String message) {
                print(message);
            }

            @Override
            public void warn(String message) {
                print("WARNING " + message);
            }

            @Override
            public void detail(String message) {
                if (message.startsWith("Created the shadow")) {
                    print(message); // a killed run's shadow is dropped by ChildAuto
                }
            }
        };
        int exit;
        try {
            Project project = new Project(Path.of(args[0]));
            Engine engine = new Engine(project.config(args[1]).url(args[2]).build(), printer);
            if (args.length > 3 && args[3].startsWith("restore=")) {
                engine.restore(args[3].substring("restore=".length()));
                print("RESULT RESTORED");
            } else {
                AutoResult result = engine.auto();
                print("RESULT " + result.status());
            }
            exit = 0;
        } catch (MigrateException e) {
            print("ERROR " + e.code() + " " + e.getMessage());
            exit = 2;
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            exit = 3;
        }
        System.out.flush();
        System.exit(exit); // library threads must not keep the process alive
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
