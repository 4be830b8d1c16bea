package io.driftwatch.window;

import java.time.Instant;
import java.util.ArrayList;
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
 */
public final class BucketStore {

    /** Bumped when the way a bucket is profiled or fingerprinted changes meaning. */
    static final String BUCKET_SEMANTICS = "bucket-v1";

    /** A bucket's profile and whether it came from storage; rows fetched from the table to get it. */
    public record Profiled(WindowProfile profile, boolean reused, long rowsScanned) {
    }

    /**
     * What a bucket's data is now: its count and latest timestamp (and version), the fingerprint of each feature,
     * and the rows read to count it (zero where an index answers the count).
     */
    public record Fingerprint(String data, long rows, Map<String, String> byFeature, long rowsCounted) {
    }

    private final JdbcBucketProfileDao dao;
    private final RangeFingerprint ranges;
    private final BucketSettings settings;

    BucketStore(JdbcBucketProfileDao dao, RangeFingerprint ranges, BucketSettings settings) {
        this.dao = dao;
        this.ranges = ranges;
        this.settings = settings;
    }

    /** The fingerprint of the bucket's data as it is now, without reading its rows where an index allows. */
    public Fingerprint fingerprint(Monitor monitor, Bucket bucket) {
        return fingerprints(monitor, List.of(bucket)).get(0);
    }

    /** The fingerprints of {@code buckets}, in their order, counted together (see {@link RangeFingerprint}). */
    public List<Fingerprint> fingerprints(Monitor monitor, List<Bucket> buckets) {
        SqlIdentifier version = settings.versionColumn(monitor.name()).orElse(null);
        List<RangeFingerprint.Data> counted = ranges.of(monitor, monitor.sourceTable(), version, buckets);
        boolean readsRows = ranges.readsRows(monitor, monitor.sourceTable());
        List<Fingerprint> fingerprints = new ArrayList<>(counted.size());
        for (RangeFingerprint.Data data : counted) {
            Map<String, String> byFeature = new LinkedHashMap<>();
            for (Monitor.Feature f : monitor.features()) {
                String definition = BUCKET_SEMANTICS + ";" + BaselineFingerprint.PROFILE_SEMANTICS + ";table="
                        + monitor.sourceTable() + ";timestamp=" + monitor.timestampColumn() + ";version=" + version
                        + ";feature=" + f.name() + ':' + f.type() + ':' + f.column();
                byFeature.put(f.name(), RangeFingerprint.sha256(definition + "\n" + data.text()));
            }
            fingerprints.add(new Fingerprint(data.text(), data.rows(), byFeature, readsRows ? data.rows() : 0));
        }
        return fingerprints;
    }

    /** The stored profile of the bucket when every feature is stored under the fingerprint it has now. */
    public Optional<WindowProfile> reusable(Monitor monitor, Bucket bucket, Fingerprint fingerprint) {
        Map<String, JdbcBucketProfileDao.Stored> stored = dao.find(monitor.name(), bucket);
        Map<String, FeatureProfile> profiles = new LinkedHashMap<>();
        long rows = -1;
        for (Map.Entry<String, String> f : fingerprint.byFeature().entrySet()) {
            JdbcBucketProfileDao.Stored s = stored.get(f.getKey());
            if (s == null || !s.fingerprint().equals(f.getValue())) {
                return Optional.empty();
            }
            profiles.put(f.getKey(), FeatureProfile.fromBytes(s.profile()));
            rows = s.rowsRead();
        }
        return Optional.of(new WindowProfile(rows, profiles));
    }

    /** Stores the bucket's profile under its fingerprint, replacing whatever overlapped it. Call in a transaction. */
    public void store(Monitor monitor, Bucket bucket, Fingerprint fingerprint, WindowProfile profile) {
        dao.store(monitor.name(), bucket, fingerprint.byFeature(), fingerprint.data(), profile);
    }

    /**
     * The bucket from storage while unchanged (unless {@code refresh}), else {@code scan}ned and stored. Call in a
     * transaction.
     */
    Profiled profile(Monitor monitor, Bucket bucket, boolean refresh, Supplier<WindowProfile> scan) {
        return profile(monitor, bucket, fingerprint(monitor, bucket), refresh, scan);
    }

    /** As {@link #profile(Monitor, Bucket, boolean, Supplier)}, with the bucket's fingerprint taken before. */
    Profiled profile(Monitor monitor, Bucket bucket, Fingerprint fingerprint, boolean refresh, Supplier<WindowProfile> scan) {
        Optional<WindowProfile> stored = refresh ? Optional.empty() : reusable(monitor, bucket, fingerprint);
        if (stored.isPresent()) {
            return new Profiled(stored.get(), true, fingerprint.rowsCounted());
        }
        WindowProfile scanned = scan.get();
        store(monitor, bucket, fingerprint, scanned);
        return new Profiled(scanned, false, fingerprint.rowsCounted() + scanned.rowsRead());
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
