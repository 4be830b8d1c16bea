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
import io.driftwatch.source.WindowProfile;

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
    private final JdbcTemplate jdbc;
    private final JdbcBaselineProfileDao cache;
    private final BucketStore buckets;
    private final BucketSettings settings;
    private final RangeFingerprint ranges;
    private final ZoneId zone;

    public WindowProfiler(JdbcFeatureSource source, JdbcSchemaInspector inspector, JdbcTemplate jdbc,
                          JdbcBaselineProfileDao cache, JdbcBucketProfileDao buckets, BucketSettings settings, ZoneId zone) {
        this.source = source;
        this.jdbc = jdbc;
        this.cache = cache;
        this.settings = settings;
        this.zone = zone;
        this.ranges = new RangeFingerprint(jdbc, inspector, zone);
        this.buckets = new BucketStore(buckets, ranges, settings);
    }

    /** The monitor's baseline: cached while its fingerprint is unchanged, else scanned and cached. Call in a transaction. */
    public Baseline baseline(Monitor monitor) {
        BaselineFingerprint fingerprint = BaselineFingerprint.of(monitor, jdbc, ranges, settings.width());
        List<String> features = monitor.features().stream().map(Monitor.Feature::name).toList();
        WindowProfile cached = cache.find(monitor.name(), fingerprint.value(), features).orElse(null);
        if (cached != null) {
            log.info("Monitor {} baseline: unchanged ({}), reusing its cached profile", monitor.name(), fingerprint.data());
            return new Baseline(cached, Source.CACHE, fingerprint);
        }
        log.info("Monitor {} baseline: no cached profile for this fingerprint ({}), profiling it", monitor.name(),
                fingerprint.data());
        ProgressLine progress = ProgressLine.start();
        WindowProfile scanned = source.profile(monitor, monitor.baseline().table(), monitor.baseline().from(),
                monitor.baseline().to(), zone,
                (rows, expected) -> log.info("Monitor {} baseline: {}", monitor.name(), progress.describe(rows, expected)));
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
        List<Bucket> owned = Bucket.ofSlice(Bucket.of(start, end, settings.width(), slices), slice, slices);
        Map<String, FeatureProfile> merged = new LinkedHashMap<>();
        long rows = 0;
        long scanned = 0;
        int reused = 0;
        for (Bucket bucket : owned) {
            BucketStore.Profiled profiled = buckets.profile(monitor, bucket, refresh,
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

    /** The store of bucket profiles, for a backfill that profiles many buckets in one pass. */
    public BucketStore buckets() {
        return buckets;
    }

    private WindowProfile profile(Monitor monitor, Bucket bucket) {
        ProgressLine progress = ProgressLine.start();
        return source.profile(monitor, monitor.sourceTable(), bucket.from(), bucket.to(), zone,
                (rows, expected) -> log.info("Monitor {} bucket {}: {}", monitor.name(), bucket,
                        progress.describe(rows, expected)));
    }
}
