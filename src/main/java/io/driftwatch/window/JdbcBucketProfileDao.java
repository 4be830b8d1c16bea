package io.driftwatch.window;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.source.WindowProfile;

/**
 * {@code bucket_profile}: the current side's profiles per monitor, feature and bucket, each with the fingerprint of
 * the data it was built from. Storing a bucket removes every stored range of the monitor that overlaps it (a bucket
 * cut into pieces another night), so the stored ranges of a monitor never overlap.
 */
public class JdbcBucketProfileDao {

    private static final String SELECT_STARTING = """
            SELECT bucket_start, bucket_end, feature, fingerprint, rows_read, profile, data, checked_at FROM bucket_profile
            WHERE monitor = ? AND bucket_start IN (%s)""";
    /** Buckets looked up per statement by {@link #find(String, List)}. */
    private static final int LOOKUP_CHUNK = 500;
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

    /**
     * The stored profiles of exactly these buckets, read together (a statement per {@value #LOOKUP_CHUNK}): by bucket,
     * by feature; a bucket none is stored for is absent.
     */
    public Map<Bucket, Map<String, Stored>> find(String monitor, List<Bucket> buckets) {
        Set<Bucket> wanted = new HashSet<>(buckets);
        Map<Bucket, Map<String, Stored>> found = new HashMap<>();
        for (int from = 0; from < buckets.size(); from += LOOKUP_CHUNK) {
            List<Bucket> chunk = buckets.subList(from, Math.min(buckets.size(), from + LOOKUP_CHUNK));
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.add(monitor);
            chunk.forEach(b -> args.add(at(b.from())));
            jdbc.query(SELECT_STARTING.formatted(String.join(", ", Collections.nCopies(chunk.size(), "?"))), rs -> {
                Bucket bucket = new Bucket(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant());
                if (wanted.contains(bucket)) {
                    found.computeIfAbsent(bucket, b -> new LinkedHashMap<>()).put(rs.getString(3), stored(rs, 4));
                }
            }, args.toArray());
        }
        return found;
    }

    private static Stored stored(ResultSet rs, int first) throws SQLException {
        OffsetDateTime checked = rs.getObject(first + 4, OffsetDateTime.class);
        return new Stored(rs.getString(first), rs.getLong(first + 1), rs.getBytes(first + 2), rs.getString(first + 3),
                checked == null ? null : checked.toInstant());
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
