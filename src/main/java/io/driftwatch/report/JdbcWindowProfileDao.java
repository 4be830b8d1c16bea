package io.driftwatch.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.source.WindowProfile;

/**
 * {@code window_profile}: the feature profiles of one run's baseline and current windows, handed
 * from the profile step to the drift step. A side is replaced as a whole, so a restarted profile
 * partition starts clean.
 */
public class JdbcWindowProfileDao {

    private static final String DELETE_SIDE = "DELETE FROM window_profile WHERE run_id = ? AND side = ?";
    private static final String INSERT = """
            INSERT INTO window_profile (run_id, side, feature, feature_type, rows_read, profile)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String SELECT = "SELECT profile FROM window_profile WHERE run_id = ? AND side = ? AND feature = ?";

    /** Which window a profile describes. */
    public enum Side {
        BASELINE, CURRENT;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final JdbcTemplate jdbc;

    public JdbcWindowProfileDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void replace(long runId, Side side, WindowProfile window) {
        jdbc.update(DELETE_SIDE, runId, side.column());
        for (Map.Entry<String, FeatureProfile> e : window.features().entrySet()) {
            jdbc.update(INSERT, runId, side.column(), e.getKey(), e.getValue().type().name().toLowerCase(java.util.Locale.ROOT),
                    window.rowsRead(), e.getValue().toBytes());
        }
    }

    public Optional<FeatureProfile> find(long runId, Side side, String feature) {
        List<byte[]> rows = jdbc.query(SELECT, (rs, i) -> rs.getBytes(1), runId, side.column(), feature);
        return rows.stream().findFirst().map(FeatureProfile::fromBytes);
    }
}
