package io.driftwatch.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.db.Dialect;
import io.driftwatch.drift.DriftStatus;
import io.driftwatch.drift.Severity;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.report.DriftReportRow.Judgement;
import io.driftwatch.report.DriftReportRow.WindowStats;

/**
 * {@code drift_report} persistence. A feature's rows are replaced as a whole inside the caller's
 * transaction, so a restarted partition never leaves duplicates or a half-written feature.
 */
public class JdbcDriftReportDao {

    private static final String DELETE_FEATURE = "DELETE FROM drift_report WHERE run_id = ? AND feature = ?";
    private static final String DELETE_RUN = "DELETE FROM drift_report WHERE run_id = ?";

    private static final String INSERT_TEMPLATE = """
            INSERT INTO drift_report (run_id, monitor, run_date, feature, feature_type, method, convention, status, score,
                                      threshold_kind, threshold, warn_threshold, p_value, p_value_adjusted, drifted,
                                      severity, selected_because, baseline_count, current_count, baseline_missing,
                                      current_missing, baseline_mean, current_mean, baseline_std, current_std, explanation,
                                      segment, details)
            SELECT r.id, r.monitor, r.run_date, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %s
            FROM drift_run r WHERE r.id = ?""";

    private static final String UPDATE_VERDICT = """
            UPDATE drift_report SET p_value_adjusted = ?, drifted = ?, severity = ?
            WHERE run_id = ? AND feature = ? AND method = ? AND segment IS NULL""";
    private static final String UPDATE_SEGMENT_VERDICT = """
            UPDATE drift_report SET p_value_adjusted = ?, drifted = ?, severity = ?
            WHERE run_id = ? AND feature = ? AND method = ? AND segment = ?""";

    private static final String SELECT_RUN = """
            SELECT run_id, feature, feature_type, method, convention, status, score, threshold_kind, threshold,
                   warn_threshold, p_value, p_value_adjusted, drifted, severity, selected_because, baseline_count,
                   current_count, baseline_missing, current_missing, baseline_mean, current_mean, baseline_std,
                   current_std, explanation, segment, details
            FROM drift_report WHERE run_id = ? AND segment IS NULL ORDER BY id""";
    private static final String SELECT_RUN_SEGMENTS = """
            SELECT run_id, feature, feature_type, method, convention, status, score, threshold_kind, threshold,
                   warn_threshold, p_value, p_value_adjusted, drifted, severity, selected_because, baseline_count,
                   current_count, baseline_missing, current_missing, baseline_mean, current_mean, baseline_std,
                   current_std, explanation, segment, details
            FROM drift_report WHERE run_id = ? AND segment IS NOT NULL ORDER BY id""";


    private final JdbcTemplate jdbc;
    private final String insert;

    public JdbcDriftReportDao(JdbcTemplate jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.insert = INSERT_TEMPLATE.formatted(dialect.jsonParameter());
    }

    /** Replaces every row of one feature of one run, its segments' included. Call inside a transaction. */
    public void replaceFeature(long runId, String feature, List<DriftReportRow> rows) {
        jdbc.update(DELETE_FEATURE, runId, feature);
        for (DriftReportRow r : rows) {
            Judgement j = r.judgement();
            WindowStats s = r.stats();
            int inserted = jdbc.update(insert, r.feature(), r.featureType().configName(), r.method(), r.convention(),
                    j.status().name(), j.score(), j.thresholdKind().configName(), j.threshold(), j.warnThreshold(), j.pValue(),
                    j.pValueAdjusted(), j.drifted(), j.severity().name(), r.selectedBecause(), s.baselineCount(),
                    s.currentCount(), s.baselineMissing(), s.currentMissing(), s.baselineMean(), s.currentMean(),
                    s.baselineStd(), s.currentStd(), r.explanation(), r.segment(), r.detailsJson(), runId);
            if (inserted != 1) {
                throw new IllegalStateException("drift_run " + runId + " does not exist; cannot report feature " + feature);
            }
        }
    }

    /** Records the verdict of a p-value row after multiple-testing correction. Call inside a transaction. */
    /** Removes every report row of a run that is being reprocessed; returns how many there were. */
    public int deleteRun(long runId) {
        return jdbc.update(DELETE_RUN, runId);
    }

    public void updateVerdict(DriftReportRow row) {
        int updated = row.isPopulation()
                ? jdbc.update(UPDATE_VERDICT, row.judgement().pValueAdjusted(), row.drifted(), row.severity().name(),
                        row.runId(), row.feature(), row.method())
                : jdbc.update(UPDATE_SEGMENT_VERDICT, row.judgement().pValueAdjusted(), row.drifted(),
                        row.severity().name(), row.runId(), row.feature(), row.method(), row.segment());
        if (updated != 1) {
            throw new IllegalStateException("updating the verdict of " + row.feature() + "/" + row.method()
                    + (row.isPopulation() ? "" : " in segment " + row.segment()) + " of run " + row.runId() + " updated "
                    + updated + " rows; expected 1");
        }
    }

    /** The rows of the whole population of a run. */
    public List<DriftReportRow> findByRun(long runId) {
        return jdbc.query(SELECT_RUN, JdbcDriftReportDao::map, runId);
    }

    /** The rows of the segments of a run (none for a monitor without segments). */
    public List<DriftReportRow> findSegmentsByRun(long runId) {
        return jdbc.query(SELECT_RUN_SEGMENTS, JdbcDriftReportDao::map, runId);
    }


    private static DriftReportRow map(ResultSet rs, int row) throws SQLException {
        Judgement judgement = new Judgement(DriftStatus.valueOf(rs.getString("status")), rs.getObject("score", Double.class),
                ThresholdKind.valueOf(rs.getString("threshold_kind").toUpperCase(java.util.Locale.ROOT)),
                rs.getDouble("threshold"), rs.getObject("warn_threshold", Double.class), rs.getObject("p_value", Double.class),
                rs.getObject("p_value_adjusted", Double.class), rs.getBoolean("drifted"),
                Severity.valueOf(rs.getString("severity")));
        WindowStats stats = new WindowStats(rs.getLong("baseline_count"), rs.getLong("current_count"),
                rs.getLong("baseline_missing"), rs.getLong("current_missing"), rs.getObject("baseline_mean", Double.class),
                rs.getObject("current_mean", Double.class), rs.getObject("baseline_std", Double.class),
                rs.getObject("current_std", Double.class));
        return new DriftReportRow(rs.getLong("run_id"), rs.getString("feature"), FeatureType.parse(rs.getString("feature_type")),
                rs.getString("method"), rs.getString("convention"), judgement, rs.getString("selected_because"), stats,
                rs.getString("details"), rs.getString("explanation"), rs.getString("segment"));
    }
}
