package io.driftwatch.window;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.source.WindowProfile;

/**
 * {@code baseline_profile}: baseline profiles keyed by monitor and fingerprint, so that an
 * unchanged baseline is read once and reused every night. Entries of other fingerprints are
 * removed when a new one is stored, so the table holds one baseline per monitor.
 */
public class JdbcBaselineProfileDao {

    private static final String SELECT = """
            SELECT feature, rows_read, profile FROM baseline_profile WHERE monitor = ? AND fingerprint = ?""";
    private static final String DELETE_OTHER_FINGERPRINTS =
            "DELETE FROM baseline_profile WHERE monitor = ? AND fingerprint <> ?";
    // Two runs of different dates may compute the same baseline at once: the first one stored wins.
    private static final String INSERT = """
            INSERT INTO baseline_profile (monitor, fingerprint, feature, feature_type, rows_read, profile, definition,
                                          data, checked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String SELECT_CHECKED = """
            SELECT fingerprint, data, checked_at, feature, rows_read, profile FROM baseline_profile
            WHERE monitor = ? AND checked_at IS NOT NULL AND data IS NOT NULL ORDER BY checked_at DESC, fingerprint""";
    private static final String CONFIRM =
            "UPDATE baseline_profile SET checked_at = ?, data = ? WHERE monitor = ? AND fingerprint = ?";

    /** A cached baseline with the data its fingerprint was taken of and when it was last taken or confirmed. */
    public record Checked(String fingerprint, String data, Instant checkedAt, WindowProfile profile) {
    }

    private final JdbcTemplate jdbc;

    public JdbcBaselineProfileDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The cached baseline when every one of {@code features} is stored under this fingerprint. */
    public Optional<WindowProfile> find(String monitor, String fingerprint, List<String> features) {
        Map<String, FeatureProfile> profiles = new LinkedHashMap<>();
        long[] rows = {-1};
        jdbc.query(SELECT, rs -> {
            profiles.put(rs.getString("feature"), FeatureProfile.fromBytes(rs.getBytes("profile")));
            rows[0] = rs.getLong("rows_read");
        }, monitor, fingerprint);
        if (!profiles.keySet().containsAll(features)) {
            return Optional.empty();
        }
        Map<String, FeatureProfile> ordered = new LinkedHashMap<>();
        features.forEach(f -> ordered.put(f, profiles.get(f)));
        return Optional.of(new WindowProfile(rows[0], ordered));
    }

    /** Replaces the monitor's cached baseline. Call inside a transaction. */
    public void store(String monitor, String fingerprint, String definition, WindowProfile baseline) {
        store(monitor, fingerprint, definition, null, null, baseline);
    }

    /**
     * Replaces the monitor's cached baseline, whose fingerprint of {@code data} was taken at {@code checkedAt} (both
     * null when unknown: never trusted without counting). Call inside a transaction.
     */
    public void store(String monitor, String fingerprint, String definition, String data, Instant checkedAt,
                      WindowProfile baseline) {
        jdbc.update(DELETE_OTHER_FINGERPRINTS, monitor, fingerprint);
        String storedData = data == null || data.length() > 4000 ? null : data;
        for (Map.Entry<String, FeatureProfile> e : baseline.features().entrySet()) {
            jdbc.update(INSERT, monitor, fingerprint, e.getKey(), e.getValue().type().name().toLowerCase(Locale.ROOT),
                    baseline.rowsRead(), e.getValue().toBytes(), definition.length() <= 4000 ? definition
                            : definition.substring(0, 4000), storedData, at(checkedAt));
        }
    }

    /**
     * The monitor's most recently checked cached baseline holding every one of {@code features}, with the data its
     * fingerprint was taken of; empty when none was checked.
     */
    public Optional<Checked> lastChecked(String monitor, List<String> features) {
        Map<String, Checked> byFingerprint = new LinkedHashMap<>();
        Map<String, Map<String, FeatureProfile>> profiles = new LinkedHashMap<>();
        jdbc.query(SELECT_CHECKED, rs -> {
            String fingerprint = rs.getString(1);
            byFingerprint.putIfAbsent(fingerprint, new Checked(fingerprint, rs.getString(2),
                    rs.getObject(3, OffsetDateTime.class).toInstant(), new WindowProfile(rs.getLong(5), Map.of())));
            profiles.computeIfAbsent(fingerprint, k -> new LinkedHashMap<>()).put(rs.getString(4),
                    FeatureProfile.fromBytes(rs.getBytes(6)));
        }, monitor);
        for (Checked c : byFingerprint.values()) {
            Map<String, FeatureProfile> found = profiles.get(c.fingerprint());
            if (found.keySet().containsAll(features)) {
                Map<String, FeatureProfile> ordered = new LinkedHashMap<>();
                features.forEach(f -> ordered.put(f, found.get(f)));
                return Optional.of(new Checked(c.fingerprint(), c.data(), c.checkedAt(),
                        new WindowProfile(c.profile().rowsRead(), ordered)));
            }
        }
        return Optional.empty();
    }

    /**
     * Records that a count taken at {@code checkedAt} found the cached baseline's fingerprint unchanged, with its data
     * (for a baseline cached before it was kept).
     */
    public void confirm(String monitor, String fingerprint, String data, Instant checkedAt) {
        jdbc.update(CONFIRM, at(checkedAt), data == null || data.length() > 4000 ? null : data, monitor, fingerprint);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
