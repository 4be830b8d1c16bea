package io.driftwatch.window;

import java.time.Clock;
import java.time.Duration;
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
     * were reused from storage and how many profiled; of the reused, how many were trusted as settled without
     * counting them ({@code driftwatch.allowed-lateness}).
     */
    public record CurrentSlice(WindowProfile profile, long rowsScanned, int bucketsReused, int bucketsProfiled,
                               int bucketsSettled) {
    }

    private final JdbcFeatureSource source;
    private final JdbcBaselineProfileDao cache;
    private final JdbcBaselineSegmentDao segmentCache;
    private final BucketStore buckets;
    private final BucketSettings settings;
    private final RangeFingerprint ranges;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param featureInspector the feature database's schema, for the indexes that answer bucket fingerprints
     * @param featureJdbc      the feature database, where bucket fingerprints are counted
     * @param clock            the job's clock: when fingerprints are taken or confirmed, for the allowed lateness
     */
    public WindowProfiler(JdbcFeatureSource source, JdbcSchemaInspector featureInspector, JdbcTemplate featureJdbc,
                          JdbcBaselineProfileDao cache, JdbcBaselineSegmentDao segmentCache, JdbcBucketProfileDao buckets,
                          BucketSettings settings, ZoneId zone, Clock clock) {
        this.source = source;
        this.cache = cache;
        this.segmentCache = segmentCache;
        this.settings = settings;
        this.zone = zone;
        this.clock = clock;
        this.ranges = new RangeFingerprint(featureJdbc, featureInspector, zone);
        this.buckets = new BucketStore(buckets, ranges, settings, clock);
    }

    /** The monitor's baseline: cached while its fingerprint is unchanged, else scanned and cached. Call in a transaction. */
    public Baseline baseline(Monitor monitor) {
        return baseline(monitor, List.of());
    }

    /** The fingerprint the monitor's baseline is cached under, as it is now (see {@link BaselineFingerprint}). */
    public BaselineFingerprint fingerprint(Monitor monitor) {
        return BaselineFingerprint.of(monitor, source, ranges, settings.width(), zone);
    }

    /**
     * As {@link #baseline(Monitor)}, split by {@code segments} too: the population from {@code baseline_profile} and
     * each segmentation's segments from {@code baseline_segment_profile}, both under the fingerprint and the latter
     * under the segmentation's column and max, and only when they hold exactly the segments of the plan's top values,
     * {@code (missing)} and {@code (other)}; the plan's new values hold no baseline rows, so their profiles are empty.
     * Anything missing: one scan that refills both.
     */
    public Baseline baseline(Monitor monitor, List<SegmentPlan> segments) {
        return baseline(monitor, segments, false);
    }

    /**
     * As {@link #baseline(Monitor, List)}; {@code recount}: count the baseline's fingerprint even when it is settled
     * (a reprocessing asked for on purpose), so that rows that arrived later than the allowed lateness are seen.
     */
    public Baseline baseline(Monitor monitor, List<SegmentPlan> segments, boolean recount) {
        List<String> features = monitor.features().stream().map(Monitor.Feature::name).toList();
        Baseline settled = segments.isEmpty() && !recount ? settledBaseline(monitor, features) : null;
        if (settled != null) {
            return settled;
        }
        Instant takenAt = clock.instant();
        BaselineFingerprint fingerprint = fingerprint(monitor);
        WindowProfile cached = cache.find(monitor.name(), fingerprint.value(), features).orElse(null);
        if (cached != null && !segments.isEmpty()) {
            cached = cachedSegments(monitor, fingerprint, segments, cached, features);
        }
        if (cached != null) {
            log.info("Monitor {} baseline: unchanged ({}), reusing its cached profile{}", monitor.name(),
                    fingerprint.data(), segments.isEmpty() ? "" : " and segment profiles");
            cache.confirm(monitor.name(), fingerprint.value(), fingerprint.data(), takenAt);
            return new Baseline(cached, Source.CACHE, fingerprint);
        }
        log.info("Monitor {} baseline: no cached profile for this fingerprint ({}), profiling it", monitor.name(),
                fingerprint.data());
        ProgressLine progress = ProgressLine.start();
        WindowProfile scanned = source.profile(monitor, monitor.baseline().relation(), monitor.baseline().from(),
                monitor.baseline().to(), zone,
                (rows, expected) -> log.info("Monitor {} baseline: {}", monitor.name(), progress.describe(rows, expected)),
                segments);
        cache.store(monitor.name(), fingerprint.value(), fingerprint.definition(), fingerprint.data(), takenAt, scanned);
        for (SegmentPlan plan : segments) {
            Map<String, WindowProfile.Segment> kept = new LinkedHashMap<>();
            for (String label : baselineLabels(plan)) {
                kept.put(label, scanned.segments().get(label));
            }
            segmentCache.storeProfiles(monitor.name(), fingerprint.value(), JdbcBaselineSegmentDao.key(plan.segmentation()),
                    kept);
        }
        return new Baseline(scanned, Source.SCAN, fingerprint);
    }

    /** The cached population with every plan's segments, in the order a pass gives them; null when any is missing. */
    private WindowProfile cachedSegments(Monitor monitor, BaselineFingerprint fingerprint, List<SegmentPlan> segments,
                                         WindowProfile population, List<String> features) {
        Map<String, WindowProfile.Segment> all = new LinkedHashMap<>();
        for (SegmentPlan plan : segments) {
            Map<String, WindowProfile.Segment> stored = segmentCache.findProfiles(monitor.name(), fingerprint.value(),
                    JdbcBaselineSegmentDao.key(plan.segmentation()), baselineLabels(plan), features).orElse(null);
            if (stored == null) {
                return null;
            }
            for (String label : plan.labels()) {
                all.put(label, stored.containsKey(label) ? stored.get(label) : emptySegment(monitor));
            }
        }
        return new WindowProfile(population.rowsRead(), population.features(), all);
    }

    /** The labels whose baseline profiles depend on the baseline alone: the top values, (missing) and (other). */
    private static List<String> baselineLabels(SegmentPlan plan) {
        List<String> labels = new java.util.ArrayList<>();
        plan.top().forEach(v -> labels.add(plan.segmentation().label(v)));
        labels.add(plan.segmentation().label(Monitor.Segmentation.MISSING));
        labels.add(plan.segmentation().label(Monitor.Segmentation.OTHER));
        return labels;
    }

    /** What a pass gives a segment without baseline rows: no rows, empty profiles. */
    private static WindowProfile.Segment emptySegment(Monitor monitor) {
        Map<String, FeatureProfile> empty = new LinkedHashMap<>();
        for (Monitor.Feature f : monitor.features()) {
            empty.put(f.name(), f.type() == io.driftwatch.profile.FeatureType.NUMERIC
                    ? io.driftwatch.profile.NumericProfile.create() : io.driftwatch.profile.CategoricalProfile.create());
        }
        return new WindowProfile.Segment(0, empty);
    }

    /**
     * The cached baseline trusted without counting it: a time range of a table (without {@code baseline.version},
     * whose fingerprint costs nothing) that had ended the allowed lateness before its cached fingerprint was last
     * taken or confirmed, and whose fingerprint today's definition gives again with the cached data. Else null.
     */
    private Baseline settledBaseline(Monitor monitor, List<String> features) {
        Monitor.Baseline baseline = monitor.baseline();
        java.util.Optional<Duration> lateness = settings.allowedLateness(monitor.name());
        if (lateness.isEmpty() || baseline.version() != null || !baseline.isTimeRange()
                || !(baseline.relation() instanceof Relation.Table)) {
            return null;
        }
        JdbcBaselineProfileDao.Checked checked = cache.lastChecked(monitor.name(), features).orElse(null);
        if (checked == null || checked.checkedAt().isBefore(baseline.to().plus(lateness.get()))) {
            return null;
        }
        BaselineFingerprint fingerprint = BaselineFingerprint.of(BaselineFingerprint.definition(monitor), checked.data());
        if (!fingerprint.value().equals(checked.fingerprint())) {
            return null;
        }
        log.info("Monitor {} baseline: settled (ended {} before its fingerprint was checked at {}, allowed lateness"
                + " {}), reusing its cached profile without counting it ({})", monitor.name(),
                Duration.between(baseline.to(), checked.checkedAt()), checked.checkedAt(), lateness.get(), checked.data());
        return new Baseline(checked.profile(), Source.CACHE, fingerprint);
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
            return new CurrentSlice(read, read.rowsRead(), 0, 0, 0);
        }
        List<Bucket> owned = Bucket.ofSlice(Bucket.of(start, end, settings.width(), slices, zone), slice, slices);
        Map<String, FeatureProfile> merged = new LinkedHashMap<>();
        long rows = 0;
        long scanned = 0;
        int reused = 0;
        int settled = 0;
        // A group of owned buckets at a time (bounding the stored profiles held at once): what storage holds for them
        // in one read, then their fingerprints in one statement (a settled bucket needs none), each taken before its
        // bucket is read.
        int group = BucketStore.lookupGroup(monitor);
        for (int first = 0; first < owned.size(); first += group) {
            List<Bucket> part = owned.subList(first, Math.min(owned.size(), first + group));
            Map<Bucket, Map<String, JdbcBucketProfileDao.Stored>> stored = buckets.stored(monitor, part, refresh);
            List<BucketStore.Fingerprint> fingerprints = buckets.fingerprintsUnlessSettled(monitor, part, stored);
            for (int i = 0; i < part.size(); i++) {
                Bucket bucket = part.get(i);
                BucketStore.Profiled profiled = buckets.profile(monitor, bucket, stored.getOrDefault(bucket, Map.of()),
                        fingerprints.get(i), () -> profile(monitor, bucket));
                rows += profiled.profile().rowsRead();
                scanned += profiled.rowsScanned();
                reused += profiled.reused() ? 1 : 0;
                settled += profiled.settled() ? 1 : 0;
                profiled.profile().features().forEach((feature, profile) -> merged.merge(feature, profile,
                        JdbcWindowProfileDao::merge));
            }
        }
        if (slice == 0) {
            int dropped = buckets.dropExpired(monitor, end);
            if (dropped > 0) {
                log.info("Monitor {}: {} bucket profile rows past driftwatch.bucket-retention removed", monitor.name(), dropped);
            }
        }
        log.info("Monitor {} current slice {}/{}: {} bucket(s) reused ({} trusted as settled without counting, allowed"
                + " lateness {}), {} profiled, {} rows read from the table", monitor.name(), slice + 1, slices, reused,
                settled, settings.allowedLateness(monitor.name()).map(Duration::toString).orElse("unset"),
                owned.size() - reused, scanned);
        return new CurrentSlice(new WindowProfile(rows, merged), scanned, reused, owned.size() - reused, settled);
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
