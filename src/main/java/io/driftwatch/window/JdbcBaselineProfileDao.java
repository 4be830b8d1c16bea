package io.driftwatch.window;

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
            INSERT INTO baseline_profile (monitor, fingerprint, feature, feature_type, rows_read, profile, definition)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

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
        jdbc.update(DELETE_OTHER_FINGERPRINTS, monitor, fingerprint);
        for (Map.Entry<String, FeatureProfile> e : baseline.features().entrySet()) {
            jdbc.update(INSERT, monitor, fingerprint, e.getKey(), e.getValue().type().name().toLowerCase(Locale.ROOT),
                    baseline.rowsRead(), e.getValue().toBytes(), definition.length() <= 4000 ? definition
                            : definition.substring(0, 4000));
        }
    }
}
