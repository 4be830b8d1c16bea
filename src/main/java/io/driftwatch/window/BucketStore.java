package io.driftwatch.window;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.driftwatch.config.BucketSettings;
import io.driftwatch.config.Monitor;
import io.driftwatch.db.SqlIdentifier;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.source.WindowProfile;

/**
 * The current side's bucket profiles and the rule that trusts them: a stored bucket is reused only while the
 * fingerprint of its data (see {@link RangeFingerprint}) and the definition of each feature (table, timestamp and
 * version columns, feature column and type, profile format) are what they were when it was profiled; otherwise it
 * is profiled again, so a late row is never silently left out.
 * <p>
 * With an allowed lateness ({@link BucketSettings#allowedLateness}), a stored bucket that was already settled when its
 * fingerprint was last taken or confirmed ({@code bucket_end + lateness <= checked_at}) is trusted without counting
 * it: only the definition part of its fingerprint is checked, recomputed from today's definition and the stored data.
 * Rows that arrive later than that are not seen until the bucket is profiled again (a rerun of the date). Times are
 * the job's {@link Clock}, taken before each count, so that a row the count missed arrived after it.
 */
public final class BucketStore {

    /** Bumped when the way a bucket is profiled or fingerprinted changes meaning. */
    static final String BUCKET_SEMANTICS = "bucket-v1";

    /**
     * A bucket's profile and whether it came from storage (and, if so, whether trusted as settled without counting);
     * rows fetched from the table to get it.
     */
    public record Profiled(WindowProfile profile, boolean reused, long rowsScanned, boolean settled) {
    }

    /**
     * What a bucket's data is now: its count and latest timestamp (and version), the fingerprint of each feature,
     * and the rows read to count it (zero where an index answers the count).
     */
    public record Fingerprint(String data, long rows, Map<String, String> byFeature, long rowsCounted, Instant takenAt) {
    }

    private final JdbcBucketProfileDao dao;
    private final RangeFingerprint ranges;
    private final BucketSettings settings;
    private final Clock clock;

    BucketStore(JdbcBucketProfileDao dao, RangeFingerprint ranges, BucketSettings settings, Clock clock) {
        this.dao = dao;
        this.ranges = ranges;
        this.settings = settings;
        this.clock = clock;
    }

    /** The fingerprint of the bucket's data as it is now, without reading its rows where an index allows. */
    public Fingerprint fingerprint(Monitor monitor, Bucket bucket) {
        return fingerprints(monitor, List.of(bucket)).get(0);
    }

    /** The fingerprints of {@code buckets}, in their order, counted together (see {@link RangeFingerprint}). */
    public List<Fingerprint> fingerprints(Monitor monitor, List<Bucket> buckets) {
        if (buckets.isEmpty()) {
            return List.of(); // a slice whose buckets are all settled: no count, and no catalog read for one
        }
        Instant takenAt = clock.instant();
        SqlIdentifier version = settings.versionColumn(monitor.name()).orElse(null);
        List<RangeFingerprint.Data> counted = ranges.of(monitor, monitor.sourceTable(), version, buckets);
        boolean readsRows = ranges.readsRows(monitor, monitor.sourceTable());
        List<Fingerprint> fingerprints = new ArrayList<>(counted.size());
        for (RangeFingerprint.Data data : counted) {
            Map<String, String> byFeature = new LinkedHashMap<>();
            for (Monitor.Feature f : monitor.features()) {
                byFeature.put(f.name(), RangeFingerprint.sha256(definition(monitor, f) + "\n" + data.text()));
            }
            fingerprints.add(new Fingerprint(data.text(), data.rows(), byFeature, readsRows ? data.rows() : 0, takenAt));
        }
        return fingerprints;
    }

    /** Stored profiles (features × buckets) read and held at once: a bound on the memory a group of buckets takes. */
    static final int PROFILES_AT_ONCE = 512;

    /**
     * How many buckets of the monitor to look up and count together (see {@link #stored},
     * {@link #fingerprintsUnlessSettled}): {@value #PROFILES_AT_ONCE} stored profiles, at most 100 buckets, at least 1.
     */
    static int lookupGroup(Monitor monitor) {
        return lookupGroup(monitor.features().size());
    }

    static int lookupGroup(int features) {
        return Math.max(1, Math.min(100, PROFILES_AT_ONCE / Math.max(1, features)));
    }

    /**
     * What storage holds for {@code buckets}, read together: by bucket, by feature (nothing with {@code refresh}, which
     * profiles every bucket again).
     */
    public Map<Bucket, Map<String, JdbcBucketProfileDao.Stored>> stored(Monitor monitor, List<Bucket> buckets,
                                                                       boolean refresh) {
        return refresh || buckets.isEmpty() ? Map.of() : dao.find(monitor.name(), buckets);
    }

    /**
     * The fingerprints of {@code buckets} in their order, counted together in one statement before any of them is
     * read; null for a bucket trusted as settled (see {@link #settled}) by what is {@code stored}, which needs none.
     */
    public List<Fingerprint> fingerprintsUnlessSettled(Monitor monitor, List<Bucket> buckets,
                                                       Map<Bucket, Map<String, JdbcBucketProfileDao.Stored>> stored) {
        List<Bucket> unsettled = new ArrayList<>();
        boolean[] settled = new boolean[buckets.size()];
        for (int i = 0; i < buckets.size(); i++) {
            settled[i] = settled(monitor, buckets.get(i), stored.getOrDefault(buckets.get(i), Map.of()));
            if (!settled[i]) {
                unsettled.add(buckets.get(i));
            }
        }
        Iterator<Fingerprint> counted = fingerprints(monitor, unsettled).iterator();
        List<Fingerprint> fingerprints = new ArrayList<>(buckets.size());
        for (boolean s : settled) {
            fingerprints.add(s ? null : counted.next());
        }
        return fingerprints;
    }

    /** The definition part of a feature's bucket fingerprint: what the profile is of and how it is built. */
    private String definition(Monitor monitor, Monitor.Feature f) {
        SqlIdentifier version = settings.versionColumn(monitor.name()).orElse(null);
        return BUCKET_SEMANTICS + ";" + BaselineFingerprint.PROFILE_SEMANTICS + ";table=" + monitor.sourceTable()
                + ";timestamp=" + monitor.timestampColumn() + ";version=" + version + ";feature=" + f.name() + ':'
                + f.type() + ':' + f.column();
    }

    /**
     * The stored profile of a bucket, from what storage holds for it (see {@link #stored}), when every feature is
     * stored under the fingerprint it has now.
     */
    public static Optional<WindowProfile> reusable(Map<String, JdbcBucketProfileDao.Stored> stored,
                                                    Fingerprint fingerprint) {
        for (Map.Entry<String, String> f : fingerprint.byFeature().entrySet()) {
            JdbcBucketProfileDao.Stored s = stored.get(f.getKey());
            if (s == null || !s.fingerprint().equals(f.getValue())) {
                return Optional.empty();
            }
        }
        return Optional.of(decode(stored, fingerprint.byFeature().keySet()));
    }

    private static WindowProfile decode(Map<String, JdbcBucketProfileDao.Stored> stored, Iterable<String> features) {
        Map<String, FeatureProfile> profiles = new LinkedHashMap<>();
        long rows = -1;
        for (String feature : features) {
            JdbcBucketProfileDao.Stored s = stored.get(feature);
            profiles.put(feature, FeatureProfile.fromBytes(s.profile()));
            rows = s.rowsRead();
        }
        return new WindowProfile(rows, profiles);
    }

    /**
     * Whether the stored bucket was settled the last time its fingerprint was taken or confirmed
     * ({@code bucket_end + lateness <= checked_at}) and every feature's stored fingerprint is what today's definition
     * gives with the stored data: trusted without counting. False without an allowed lateness.
     */
    private boolean settled(Monitor monitor, Bucket bucket, Map<String, JdbcBucketProfileDao.Stored> stored) {
        Optional<Duration> lateness = settings.allowedLateness(monitor.name());
        if (lateness.isEmpty()) {
            return false;
        }
        Instant settledBy = bucket.to().plus(lateness.get());
        for (Monitor.Feature f : monitor.features()) {
            JdbcBucketProfileDao.Stored s = stored.get(f.name());
            if (s == null || s.checkedAt() == null || s.checkedAt().isBefore(settledBy)
                    || !s.fingerprint().equals(RangeFingerprint.sha256(definition(monitor, f) + "\n" + s.data()))) {
                return false;
            }
        }
        return true;
    }

    /** Stores the bucket's profile under its fingerprint, replacing whatever overlapped it. Call in a transaction. */
    public void store(Monitor monitor, Bucket bucket, Fingerprint fingerprint, WindowProfile profile) {
        dao.store(monitor.name(), bucket, fingerprint.byFeature(), fingerprint.data(), profile, fingerprint.takenAt());
    }

    /**
     * The bucket from storage while settled or unchanged, else {@code scan}ned and stored. A count that confirms a
     * stored bucket records when it was taken. Call in a transaction.
     *
     * @param found   what storage holds for the bucket, by feature (see {@link #stored}); empty to profile it again
     * @param counted its fingerprint as {@link #fingerprintsUnlessSettled} gave it: null for a bucket found settled,
     *                which is taken from {@code found} without counting
     */
    Profiled profile(Monitor monitor, Bucket bucket, Map<String, JdbcBucketProfileDao.Stored> found, Fingerprint counted,
                     Supplier<WindowProfile> scan) {
        if (counted == null) {
            return new Profiled(decode(found, monitor.features().stream().map(Monitor.Feature::name).toList()), true, 0,
                    true);
        }
        Optional<WindowProfile> stored = reusable(found, counted);
        if (stored.isPresent()) {
            dao.confirm(monitor.name(), bucket, counted.takenAt());
            return new Profiled(stored.get(), true, counted.rowsCounted(), false);
        }
        WindowProfile scanned = scan.get();
        store(monitor, bucket, counted, scanned);
        return new Profiled(scanned, false, counted.rowsCounted() + scanned.rowsRead(), false);
    }

    /** Removes the monitor's buckets that ended before its retention, counted back from {@code end}. */
    int dropExpired(Monitor monitor, Instant end) {
        return dao.deleteEndedBefore(monitor.name(), end.minus(settings.keptFor(monitor.window())));
    }

    /** The configured bucket width and retention. */
    public BucketSettings settings() {
        return settings;
    }
}
