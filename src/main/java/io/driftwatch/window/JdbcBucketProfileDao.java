package io.driftwatch.window;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.source.WindowProfile;

/**
 * {@code bucket_profile}: the current side's profiles per monitor, feature and bucket, each with the fingerprint of
 * the data it was built from. Storing a bucket removes every stored range of the monitor that overlaps it (a bucket
 * cut into pieces another night), so the stored ranges of a monitor never overlap.
 */
public class JdbcBucketProfileDao {

    private static final String SELECT = """
            SELECT feature, fingerprint, rows_read, profile, data, checked_at FROM bucket_profile
            WHERE monitor = ? AND bucket_start = ? AND bucket_end = ?""";
    private static final String DELETE_OVERLAPPING = """
            DELETE FROM bucket_profile WHERE monitor = ? AND bucket_start < ? AND bucket_end > ?""";
    // A bucket stored at the same moment by another run of the monitor (a backfill beside a nightly run) holds the
    // same rows' profile: the first one stored wins.
    private static final String INSERT = """
            INSERT INTO bucket_profile (monitor, feature, bucket_start, bucket_end, fingerprint, data, feature_type,
                                        rows_read, profile, checked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String CONFIRM =
            "UPDATE bucket_profile SET checked_at = ? WHERE monitor = ? AND bucket_start = ? AND bucket_end = ?";
    private static final String DELETE_ENDED_BEFORE = "DELETE FROM bucket_profile WHERE monitor = ? AND bucket_end <= ?";
    private static final String COUNT = "SELECT COUNT(DISTINCT bucket_start) FROM bucket_profile WHERE monitor = ?";

    /**
     * One feature's stored profile of a bucket, the fingerprint of the data it was built from, that data, and when the
     * fingerprint was last taken or confirmed (null: before driftwatch recorded it).
     */
    public record Stored(String fingerprint, long rowsRead, byte[] profile, String data, Instant checkedAt) {
    }

    private final JdbcTemplate jdbc;

    public JdbcBucketProfileDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored profiles of exactly this bucket, by feature; empty when none is stored. */
    public Map<String, Stored> find(String monitor, Bucket bucket) {
        Map<String, Stored> found = new LinkedHashMap<>();
        jdbc.query(SELECT, rs -> {
            OffsetDateTime checked = rs.getObject(6, OffsetDateTime.class);
            found.put(rs.getString(1), new Stored(rs.getString(2), rs.getLong(3), rs.getBytes(4), rs.getString(5),
                    checked == null ? null : checked.toInstant()));
        }, monitor, at(bucket.from()), at(bucket.to()));
        return found;
    }

    /**
     * Replaces the bucket (and any stored range overlapping it) with its new profiles, whose fingerprint was taken at
     * {@code checkedAt}. Call inside a transaction.
     */
    public void store(String monitor, Bucket bucket, Map<String, String> fingerprints, String data, WindowProfile profile,
                      Instant checkedAt) {
        jdbc.update(DELETE_OVERLAPPING, monitor, at(bucket.to()), at(bucket.from()));
        String shortData = data.length() <= 400 ? data : data.substring(0, 400);
        for (Map.Entry<String, FeatureProfile> e : profile.features().entrySet()) {
            jdbc.update(INSERT, monitor, e.getKey(), at(bucket.from()), at(bucket.to()), fingerprints.get(e.getKey()),
                    shortData, e.getValue().type().name().toLowerCase(Locale.ROOT), profile.rowsRead(),
                    e.getValue().toBytes(), at(checkedAt));
        }
    }

    /** Records that a count taken at {@code checkedAt} found the bucket's fingerprint unchanged. */
    public void confirm(String monitor, Bucket bucket, Instant checkedAt) {
        jdbc.update(CONFIRM, at(checkedAt), monitor, at(bucket.from()), at(bucket.to()));
    }

    /** Removes the monitor's buckets that ended at or before {@code cutoff}; returns how many rows went. */
    public int deleteEndedBefore(String monitor, Instant cutoff) {
        return jdbc.update(DELETE_ENDED_BEFORE, monitor, at(cutoff));
    }

    /** How many distinct bucket ranges the monitor has stored. */
    public long count(String monitor) {
        Long n = jdbc.queryForObject(COUNT, Long.class, monitor);
        return n == null ? 0 : n;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
