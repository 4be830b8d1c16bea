package io.driftwatch.window;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.source.WindowProfile;
import io.driftwatch.window.JdbcWindowProfileDao.Side;

/**
 * {@code segment_profile}: the segment profiles of one run's windows, one row per segment, feature and
 * time slice, handed from the profile step to the drift step beside {@link JdbcWindowProfileDao}. A
 * slice is replaced as a whole, so a restarted profile partition starts clean.
 */
public class JdbcSegmentProfileDao {

    private static final String DELETE_SLICE = "DELETE FROM segment_profile WHERE run_id = ? AND side = ? AND slice = ?";
    private static final String DELETE_RUN = "DELETE FROM segment_profile WHERE run_id = ?";
    private static final String INSERT = """
            INSERT INTO segment_profile (run_id, side, segment, feature, slice, feature_type, rows_read, profile)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT_FEATURE = """
            SELECT segment, profile FROM segment_profile WHERE run_id = ? AND side = ? AND feature = ?
            ORDER BY segment, slice""";
    private static final String ROWS_READ = """
            SELECT segment, SUM(rows_read) FROM segment_profile
            WHERE run_id = ? AND side = ? AND feature = ? GROUP BY segment""";

    /** Rows per batch: bounds the profiles held for one round trip (a sketch-mode profile is tens of KB). */
    private static final int BATCH = 100;

    private final JdbcTemplate jdbc;

    public JdbcSegmentProfileDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces one time slice of one side: every segment of {@code window}. Call inside a transaction. */
    public void replace(long runId, Side side, int slice, WindowProfile window) {
        jdbc.update(DELETE_SLICE, runId, side.column(), slice);
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, WindowProfile.Segment> segment : window.segments().entrySet()) {
            for (Map.Entry<String, FeatureProfile> e : segment.getValue().features().entrySet()) {
                rows.add(new Object[] {runId, side.column(), segment.getKey(), e.getKey(), slice,
                        e.getValue().type().name().toLowerCase(Locale.ROOT), segment.getValue().rowsRead(),
                        e.getValue().toBytes()});
                if (rows.size() == BATCH) {
                    jdbc.batchUpdate(INSERT, rows);
                    rows.clear();
                }
            }
        }
        jdbc.batchUpdate(INSERT, rows);
    }

    /** Removes every segment profile of a run that is being reprocessed. */
    public void deleteRun(long runId) {
        jdbc.update(DELETE_RUN, runId);
    }

    /** The feature's profile of each segment of one side, its slices merged, by segment label. */
    public Map<String, FeatureProfile> find(long runId, Side side, String feature) {
        Map<String, FeatureProfile> merged = new LinkedHashMap<>();
        jdbc.query(SELECT_FEATURE, rs -> {
            FeatureProfile slice = FeatureProfile.fromBytes(rs.getBytes(2));
            merged.merge(rs.getString(1), slice, JdbcSegmentProfileDao::merge);
        }, runId, side.column(), feature);
        return merged;
    }

    /** Rows of each segment of one side (over its slices), by label, as the feature's profiles were written. */
    public Map<String, Long> rowsRead(long runId, Side side, String feature) {
        Map<String, Long> rows = new LinkedHashMap<>();
        jdbc.query(ROWS_READ, rs -> {
            rows.put(rs.getString(1), rs.getLong(2));
        }, runId, side.column(), feature);
        return rows;
    }

    private static FeatureProfile merge(FeatureProfile into, FeatureProfile other) {
        if (into instanceof NumericProfile n && other instanceof NumericProfile o) {
            n.merge(o);
        } else if (into instanceof CategoricalProfile c && other instanceof CategoricalProfile o) {
            c.merge(o);
        } else {
            throw new IllegalStateException("slices of one segment's feature have different types: " + into.type() + ", "
                    + other.type());
        }
        return into;
    }
}
