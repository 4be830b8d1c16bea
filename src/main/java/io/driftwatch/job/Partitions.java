package io.driftwatch.job;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.window.JdbcWindowProfileDao;

/**
 * Partitioners of driftJob. Only monitors whose run is still open for the date get partitions, so
 * completed monitors are never recomputed. On a restart Spring Batch reuses the partitions of the
 * failed execution and re-runs only those that did not complete.
 */
final class Partitions {

    static final String MONITOR = "monitor";
    static final String SIDE = "side";
    static final String FEATURE = "feature";
    static final String SLICE = "slice";
    static final String SLICES = "slices";
    /** The run's segment plans ({@code source.SegmentPlan#encode}), fixed once so that every window splits alike. */
    static final String SEGMENTS = "segments";

    private Partitions() {
    }

    /**
     * Per open monitor: one partition for the baseline (usually served from the cache) and
     * {@code slices} partitions for equal time slices of the current window, profiled in parallel
     * and merged by the drift step.
     */
    static Partitioner windows(MonitorCatalog catalog, JdbcDriftRunDao runs, LocalDate runDate, String rerun, int slices) {
        return windows(catalog, runs, runDate, rerun, slices, (monitor, run) -> "");
    }

    /**
     * As {@link #windows(MonitorCatalog, JdbcDriftRunDao, LocalDate, String, int)}, with each segmented monitor's
     * plans computed once, here, by {@code segmentPlans}, and handed to all of its partitions.
     */
    static Partitioner windows(MonitorCatalog catalog, JdbcDriftRunDao runs, LocalDate runDate, String rerun, int slices,
                               BiFunction<Monitor, DriftRun, String> segmentPlans) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            int i = 0;
            for (Monitor monitor : openMonitors(catalog, runs, runDate, rerun)) {
                String plans = monitor.segments().isEmpty() ? ""
                        : segmentPlans.apply(monitor, runs.find(monitor.name(), runDate).orElseThrow());
                partitions.put(key(i++, monitor.name() + ".baseline"),
                        context(monitor, JdbcWindowProfileDao.Side.BASELINE, 0, 1, plans));
                for (int slice = 0; slice < slices; slice++) {
                    partitions.put(key(i++, monitor.name() + ".current." + slice),
                            context(monitor, JdbcWindowProfileDao.Side.CURRENT, slice, slices, plans));
                }
            }
            return partitions;
        };
    }

    private static ExecutionContext context(Monitor monitor, JdbcWindowProfileDao.Side side, int slice, int slices,
                                            String plans) {
        ExecutionContext context = new ExecutionContext();
        context.putString(MONITOR, monitor.name());
        context.putString(SIDE, side.name());
        context.putInt(SLICE, slice);
        context.putInt(SLICES, slices);
        if (!plans.isEmpty()) {
            context.putString(SEGMENTS, plans);
        }
        return context;
    }

    /** One partition per open monitor and feature. */
    static Partitioner features(MonitorCatalog catalog, JdbcDriftRunDao runs, LocalDate runDate, String rerun) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            int i = 0;
            for (Monitor monitor : openMonitors(catalog, runs, runDate, rerun)) {
                for (Monitor.Feature feature : monitor.features()) {
                    ExecutionContext context = new ExecutionContext();
                    context.putString(MONITOR, monitor.name());
                    context.putString(FEATURE, feature.name());
                    partitions.put(key(i++, monitor.name() + "." + feature.name()), context);
                }
            }
            return partitions;
        };
    }

    /**
     * The monitors this execution works on: those whose run of the date is open (RUNNING; prepare opened
     * or reopened it), limited to one monitor when the execution reprocesses it ({@code rerun}).
     */
    static List<Monitor> openMonitors(MonitorCatalog catalog, JdbcDriftRunDao runs, LocalDate runDate, String rerun) {
        return monitors(catalog, rerun).stream()
                .filter(m -> runs.find(m.name(), runDate).map(r -> r.status() == DriftRun.Status.RUNNING).orElse(false))
                .toList();
    }

    /** Every configured monitor, or only the one a rerun is for. */
    static List<Monitor> monitors(MonitorCatalog catalog, String rerun) {
        return rerun == null ? catalog.monitors() : List.of(catalog.require(rerun));
    }

    /** Step names are limited to 100 characters in the job repository; the index keeps keys unique. */
    private static String key(int index, String label) {
        String key = String.format("p%04d-%s", index, label);
        return key.length() <= 70 ? key : key.substring(0, 70);
    }
}
