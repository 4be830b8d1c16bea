package io.driftwatch.window;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.config.BucketSettings;
import io.driftwatch.config.Monitor;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.source.JdbcFeatureSource;
import io.driftwatch.source.JdbcSchemaInspector;
import io.driftwatch.source.SegmentPlan;
import io.driftwatch.source.WindowProfile;
import io.driftwatch.config.Relation;

/**
 * Profiles the two windows of a monitor's run: the baseline from its cache while its fingerprint is
 * unchanged (else one scan that refills the cache), and the current window bucket by bucket, each
 * bucket reused from {@code bucket_profile} while its fingerprint is unchanged and profiled otherwise.
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

        /** Rows fetched from the table to build it: all of them when scanned, none when cached. */
        public long rowsScanned() {
            return source == Source.SCAN ? profile.rowsRead() : 0;
        }
    }

    /**
     * A slice of the current window: its buckets merged, the rows fetched from the table to build it (the buckets
     * profiled, plus the buckets counted by reading them where no index answers the count), and how many buckets
     * were reused from storage and how many profiled.
     */
    public record CurrentSlice(WindowProfile profile, long rowsScanned, int bucketsReused, int bucketsProfiled) {
    }

    private final JdbcFeatureSource source;
    private final JdbcBaselineProfileDao cache;
    private final BucketStore buckets;
    private final BucketSettings settings;
    private final RangeFingerprint ranges;
    private final ZoneId zone;

    /**
     * @param featureInspector the feature database's schema, for the indexes that answer bucket fingerprints
     * @param featureJdbc      the feature database, where bucket fingerprints are counted
     */
    public WindowProfiler(JdbcFeatureSource source, JdbcSchemaInspector featureInspector, JdbcTemplate featureJdbc,
                          JdbcBaselineProfileDao cache, JdbcBucketProfileDao buckets, BucketSettings settings, ZoneId zone) {
        this.source = source;
        this.cache = cache;
        this.settings = settings;
        this.zone = zone;
        this.ranges = new RangeFingerprint(featureJdbc, featureInspector, zone);
        this.buckets = new BucketStore(buckets, ranges, settings);
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
        BaselineFingerprint fingerprint = BaselineFingerprint.of(monitor, source, ranges, settings.width(), zone);
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

    /**
     * Slice {@code slice} of {@code slices} of the monitor's current window {@code [start, end)}: the buckets it owns
     * ({@link Bucket#ofSlice}), each reused or profiled, merged in time order. Slice 0 also drops the monitor's
     * buckets older than the retention. Call in a transaction.
     *
     * @param refresh profile every bucket again and replace the stored ones (a reprocessing asked for on purpose,
     *                e.g. after rows were corrected in place without a version column)
     */
    public CurrentSlice current(Monitor monitor, Instant start, Instant end, int slice, int slices, boolean refresh) {
        return current(monitor, start, end, slice, slices, refresh, List.of());
    }

    /**
     * As {@link #current(Monitor, Instant, Instant, int, int, boolean)}, split by {@code segments} in the same pass. Only
     * a table without segments is bucketed: a segmented window (whose segments depend on the night's values), a query
     * and files are read slice by slice every night, as their rows cannot be fingerprinted without reading them.
     */
    public CurrentSlice current(Monitor monitor, Instant start, Instant end, int slice, int slices, boolean refresh,
                                List<SegmentPlan> segments) {
        if (!bucketed(monitor, segments)) {
            TimeSlice timeSlice = TimeSlice.of(start, end, slice, slices);
            ProgressLine progress = ProgressLine.start();
            WindowProfile read = source.profile(monitor, monitor.source(), timeSlice.from(), timeSlice.to(), zone,
                    (rows, expected) -> log.info("Monitor {} current slice {}: {}", monitor.name(), timeSlice.label(),
                            progress.describe(rows, expected)), segments);
            return new CurrentSlice(read, read.rowsRead(), 0, 0);
        }
        List<Bucket> owned = Bucket.ofSlice(Bucket.of(start, end, settings.width(), slices), slice, slices);
        Map<String, FeatureProfile> merged = new LinkedHashMap<>();
        long rows = 0;
        long scanned = 0;
        int reused = 0;
        // Every owned bucket's fingerprint in one statement, each taken before its bucket is read.
        List<BucketStore.Fingerprint> fingerprints = buckets.fingerprints(monitor, owned);
        for (int i = 0; i < owned.size(); i++) {
            Bucket bucket = owned.get(i);
            BucketStore.Profiled profiled = buckets.profile(monitor, bucket, fingerprints.get(i), refresh,
                    () -> profile(monitor, bucket));
            rows += profiled.profile().rowsRead();
            scanned += profiled.rowsScanned();
            reused += profiled.reused() ? 1 : 0;
            profiled.profile().features().forEach((feature, profile) -> merged.merge(feature, profile,
                    JdbcWindowProfileDao::merge));
        }
        if (slice == 0) {
            int dropped = buckets.dropExpired(monitor, end);
            if (dropped > 0) {
                log.info("Monitor {}: {} bucket profile rows past driftwatch.bucket-retention removed", monitor.name(), dropped);
            }
        }
        log.info("Monitor {} current slice {}/{}: {} bucket(s) reused, {} profiled, {} rows read from the table",
                monitor.name(), slice + 1, slices, reused, owned.size() - reused, scanned);
        return new CurrentSlice(new WindowProfile(rows, merged), scanned, reused, owned.size() - reused);
    }

    /** Whether the monitor's current window is kept in buckets: a table source without segments. */
    public static boolean bucketed(Monitor monitor, List<SegmentPlan> segments) {
        return segments.isEmpty() && monitor.segments().isEmpty() && monitor.source() instanceof Relation.Table;
    }

    /** The store of bucket profiles, for a backfill that profiles many buckets in one pass. */
    public BucketStore buckets() {
        return buckets;
    }

    private WindowProfile profile(Monitor monitor, Bucket bucket) {
        ProgressLine progress = ProgressLine.start();
        return source.profile(monitor, monitor.source(), bucket.from(), bucket.to(), zone,
                (rows, expected) -> log.info("Monitor {} bucket {}: {}", monitor.name(), bucket,
                        progress.describe(rows, expected)));
    }
}
