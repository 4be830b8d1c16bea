package io.driftwatch.window;

import io.driftwatch.source.WindowProfile;
import java.time.ZoneId;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.config.Monitor;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.source.SegmentPlan;

/**
 * Profiles the two windows of a monitor's run: the baseline from its cache while its fingerprint is
 * unchanged (else one scan that refills the cache), and the current window slice by slice.
 */
public class WindowProfiler {

    private static final Logger log = LoggerFactory.getLogger(WindowProfiler.class);

    /** Where a baseline profile came from; {@code drift_run.baseline_source}. */
    public enum Source {
        /** Read from the table. */
        SCAN,
        /** Reused from {@code baseline_profile}: its fingerprint was unchanged. */
        CACHE;

        /** The spelling stored in {@code drift_run.baseline_source}. */
        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A monitor's baseline profile, where it came from, and the fingerprint it is cached under. */
    public record Baseline(WindowProfile profile, Source source, BaselineFingerprint fingerprint) {
    }

    private final JdbcFeatureSource source;
    private final JdbcSchemaInspector inspector;
    private final JdbcTemplate jdbc;
    private final JdbcBaselineProfileDao cache;
    private final ZoneId zone;

    public WindowProfiler(JdbcFeatureSource source, JdbcSchemaInspector inspector, JdbcTemplate jdbc,
                          JdbcBaselineProfileDao cache, ZoneId zone) {
        this.source = source;
        this.inspector = inspector;
        this.jdbc = jdbc;
        this.cache = cache;
        this.zone = zone;
    }

    /** The monitor's baseline: cached while its fingerprint is unchanged, else scanned and cached. Call in a transaction. */
    public Baseline baseline(Monitor monitor) {
        return baseline(monitor, List.of());
    }

    /**
     * As {@link #baseline(Monitor)}, split by {@code segments} too: the cache holds the population's profiles only, so
     * a segmented baseline is scanned (and its population cached for monitors that read it without segments).
     */
    public Baseline baseline(Monitor monitor, List<SegmentPlan> segments) {
        BaselineFingerprint fingerprint = BaselineFingerprint.of(monitor, source, zone);
        List<String> features = monitor.features().stream().map(Monitor.Feature::name).toList();
        WindowProfile cached = segments.isEmpty() ? cache.find(monitor.name(), fingerprint.value(), features).orElse(null)
                : null;
        if (cached != null) {
            log.info("Monitor {} baseline: unchanged ({}), reusing its cached profile", monitor.name(), fingerprint.data());
            return new Baseline(cached, Source.CACHE, fingerprint);
        }
        log.info("Monitor {} baseline: no cached profile for this fingerprint ({}), profiling it", monitor.name(),
                fingerprint.data());
        ProgressLine progress = ProgressLine.start();
        WindowProfile scanned = source.profile(monitor, monitor.baseline().relation(), monitor.baseline().from(),
                monitor.baseline().to(), zone,
                (rows, expected) -> log.info("Monitor {} baseline: {}", monitor.name(), progress.describe(rows, expected)),
                segments);
        cache.store(monitor.name(), fingerprint.value(), fingerprint.definition(), scanned);
        return new Baseline(scanned, Source.SCAN, fingerprint);
    }

    /** One time slice of the monitor's current window. */
    public WindowProfile current(Monitor monitor, TimeSlice slice) {
        return current(monitor, slice, List.of());
    }

    /** One time slice of the monitor's current window, split by {@code segments} in the same pass. */
    public WindowProfile current(Monitor monitor, TimeSlice slice, List<SegmentPlan> segments) {
        ProgressLine progress = ProgressLine.start();
        return source.profile(monitor, monitor.source(), slice.from(), slice.to(), zone,
                (rows, expected) -> log.info("Monitor {} current slice {}: {}", monitor.name(), slice.label(),
                        progress.describe(rows, expected)), segments);
    }
}
