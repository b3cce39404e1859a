package org.automigrate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.automigrate.engine.RunStatus;

/**
 * The engine's {@code auto} on a server database in a fresh JVM, for {@link ServerBench}'s peak heap. Arguments:
 * server ({@code POSTGRESQL} or {@code MARIADB}), database (empty, prepared by the parent), model classes
 * directory, project directory. Prints the step lines ({@code STEP ...}), {@code TIME <ms>} (the call alone) and
 * {@code PEAK <bytes>} (sum of the heap pools' peak usage), as {@link Once} does for SQLite.
 */
public final class ServerOnce {
    private ServerOnce() {
    }

    /** Runs the one {@code auto}, prints what the parent reads, and exits 1 if it failed. */
    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.SEVERE);
        ServerBench.Server server = ServerBench.Server.valueOf(args[0]);
        int exit = 0;
        Fixtures.Timeline timeline = new Fixtures.Timeline(true);
        try {
            long start = System.nanoTime();
            RunStatus status = ServerBench.engine(server, args[1], Path.of(args[3]), Path.of(args[2]), null, timeline)
                    .auto().status();
            long nanos = System.nanoTime() - start;
            if (status != RunStatus.APPLIED) {
                throw new IllegalStateException("auto: status " + status + ", expected APPLIED");
            }
            System.out.println("TIME " + nanos / 1e6);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.out.println("FAILED " + e);
            exit = 1;
        }
        timeline.lines.forEach(l -> System.out.println("STEP " + l));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("PEAK " + peak);
        System.out.flush();
        System.exit(exit);
    }
}
