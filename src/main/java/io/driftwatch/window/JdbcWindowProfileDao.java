package io.driftwatch.window;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.source.WindowProfile;

/**
 * {@code window_profile}: the feature profiles of one run's baseline and current windows, one row
 * per time slice, handed from the profile step to the drift step, which merges the slices. A slice
 * is replaced as a whole, so a restarted profile partition starts clean.
 */
public class JdbcWindowProfileDao {

    private static final String DELETE_SLICE = "DELETE FROM window_profile WHERE run_id = ? AND side = ? AND slice = ?";
    private static final String DELETE_RUN = "DELETE FROM window_profile WHERE run_id = ?";
    private static final String INSERT = """
            INSERT INTO window_profile (run_id, side, feature, slice, feature_type, rows_read, profile, rows_scanned,
                                        buckets_reused, buckets_profiled, buckets_settled)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT = """
            SELECT profile FROM window_profile WHERE run_id = ? AND side = ? AND feature = ? ORDER BY slice""";
    private static final String ROWS_READ = """
            SELECT slice, MAX(rows_read) FROM window_profile WHERE run_id = ? AND side = ? GROUP BY slice""";

    private static final String SCAN = """
            SELECT slice, MAX(rows_scanned), MAX(buckets_reused), MAX(buckets_profiled), MAX(buckets_settled)
            FROM window_profile
            WHERE run_id = ? GROUP BY side, slice""";

    /**
     * What the profile step read from the feature tables for a run, over both sides and all slices; of the buckets
     * reused, those trusted as settled without counting them.
     */
    public record Scan(long rowsScanned, int bucketsReused, int bucketsProfiled, int bucketsSettled) {

        public Scan(long rowsScanned, int bucketsReused, int bucketsProfiled) {
            this(rowsScanned, bucketsReused, bucketsProfiled, 0);
        }
    }

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

    /** Replaces one time slice of one side. Call inside a transaction. */
    public void replace(long runId, Side side, int slice, WindowProfile window) {
        replace(runId, side, slice, window, new Scan(0, 0, 0));
    }

    /** Replaces one time slice of one side, with what building it read from the table. Call inside a transaction. */
    public void replace(long runId, Side side, int slice, WindowProfile window, Scan scan) {
        jdbc.update(DELETE_SLICE, runId, side.column(), slice);
        for (Map.Entry<String, FeatureProfile> e : window.features().entrySet()) {
            jdbc.update(INSERT, runId, side.column(), e.getKey(), slice,
                    e.getValue().type().name().toLowerCase(java.util.Locale.ROOT), window.rowsRead(), e.getValue().toBytes(),
                    scan.rowsScanned(), scan.bucketsReused(), scan.bucketsProfiled(), scan.bucketsSettled());
        }
    }

    /** What the run's profile step read from the feature tables, summed over sides and slices. */
    public Scan scan(long runId) {
        long[] sum = new long[4];
        jdbc.query(SCAN, rs -> {
            sum[0] += rs.getLong(2);
            sum[1] += rs.getLong(3);
            sum[2] += rs.getLong(4);
            sum[3] += rs.getLong(5);
        }, runId);
        return new Scan(sum[0], (int) sum[1], (int) sum[2], (int) sum[3]);
    }

    /** The feature's profile of the whole side: its slices merged, in slice order. */
    /** Removes every window profile of a run that is being reprocessed (its slicing may differ this time). */
    public void deleteRun(long runId) {
        jdbc.update(DELETE_RUN, runId);
    }

    public Optional<FeatureProfile> find(long runId, Side side, String feature) {
        List<byte[]> rows = jdbc.query(SELECT, (rs, i) -> rs.getBytes(1), runId, side.column(), feature);
        FeatureProfile merged = null;
        for (byte[] bytes : rows) {
            FeatureProfile slice = FeatureProfile.fromBytes(bytes);
            merged = merged == null ? slice : merge(merged, slice);
        }
        return Optional.ofNullable(merged);
    }

    /** Rows read for one side, over all its slices. */
    public long rowsRead(long runId, Side side) {
        return jdbc.query(ROWS_READ, (rs, i) -> rs.getLong(2), runId, side.column()).stream().mapToLong(Long::longValue).sum();
    }

    static FeatureProfile merge(FeatureProfile into, FeatureProfile other) {
        if (into instanceof NumericProfile n && other instanceof NumericProfile o) {
            n.merge(o);
        } else if (into instanceof CategoricalProfile c && other instanceof CategoricalProfile o) {
            c.merge(o);
        } else {
            throw new IllegalStateException("slices of one feature have different types: " + into.type() + ", " + other.type());
        }
        return into;
    }
}
