package org.automigrate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One operation in a fresh JVM (cold runs, peak heap). Arguments: operation name, model size, model
 * fixture directory, project directory (already prepared by the parent). Prints {@code TIME <ms>} (the
 * operation alone, in this JVM) and {@code PEAK <bytes>} (sum of the heap pools' peak usage).
 */
public final class Once {
    private Once() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        ModelOp op = ModelOp.valueOf(args[0]);
        Fixtures.ModelDirs dirs = new Fixtures.ModelDirs(Integer.parseInt(args[1]), Path.of(args[2]));
        Path project = Path.of(args[3]);
        int exit = 0;
        try {
            long start = System.nanoTime();
            Fixtures.Timeline timeline = new Fixtures.Timeline();
            op.execute(dirs, project, timeline);
            long nanos = System.nanoTime() - start;
            timeline.lines.forEach(l -> System.out.println("STEP " + l));
            System.out.println("TIME " + nanos / 1e6);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.out.println("FAILED " + e);
            exit = 1;
        }
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
