package io.driftwatch.telemetry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Peak memory of this process, logged after a run so that capacity planning (and the benchmark)
 * can read it: the peak heap (sum of the heap pools' peaks, an upper bound of the true peak) and
 * the peak resident set size (Linux VmHWM).
 */
public final class ProcessPeaks {

    private ProcessPeaks() {
    }

    public static long peakHeapBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    /** Peak resident set size, where the platform tells it. */
    public static OptionalLong peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc is not readable: no number rather than a wrong one
        }
        return OptionalLong.empty();
    }

    public static String describe() {
        OptionalLong rss = peakRssBytes();
        return "peak heap " + (peakHeapBytes() >> 20) + " MiB, peak RSS "
                + (rss.isPresent() ? (rss.getAsLong() >> 20) + " MiB" : "unknown");
    }
}
