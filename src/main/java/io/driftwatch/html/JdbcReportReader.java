package io.driftwatch.html;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Read-only queries of the report tables that the HTML pages need beyond {@code JdbcDriftReportDao}: whole runs with
 * performance and baseline source, score history, retraining tasks. Writes nothing.
 */
public class JdbcReportReader {

    private static final String RUNS = """
            SELECT id, monitor, model, run_date, window_start, window_end, status, baseline_rows, current_rows,
                   baseline_source, features_evaluated, features_drifted, drift_share, dataset_drift, performance_status,
                   accuracy, latency_seconds, retraining_decision, retraining_reason, failure_message, completed_at
            FROM drift_run""";
    private static final String RUNS_OF_DATE = RUNS + " WHERE run_date = ? ORDER BY monitor";
    private static final String RUNS_IN_RANGE = RUNS + " WHERE run_date >= ? AND run_date <= ? ORDER BY monitor, run_date";
    private static final String RUN_DATES = "SELECT DISTINCT run_date FROM drift_run WHERE run_date >= ? AND run_date <= ?"
            + " ORDER BY run_date";

    private static final String LATEST_RUN_DATE = "SELECT MAX(run_date) FROM drift_run";
    private static final String RUN_DATE_SPAN = "SELECT MIN(run_date), MAX(run_date), COUNT(*) FROM drift_run";

    /** Scores of one monitor's last runs up to a date, for sparklines and the heat map. */
    private static final String SCORES = """
            SELECT r.run_date, r.feature, r.method, r.score, r.p_value, r.p_value_adjusted, r.threshold_kind, r.threshold,
                   r.drifted, r.explanation
            FROM drift_report r
            WHERE r.monitor = ? AND r.run_date >= ? AND r.run_date <= ? AND r.segment IS NULL
            ORDER BY r.run_date, r.id""";
    private static final String LAST_RUN_DATES = """
            SELECT run_date FROM drift_run WHERE monitor = ? AND run_date <= ? ORDER BY run_date DESC LIMIT ?""";

    private static final String TASKS = """
            SELECT id, monitor, run_date, status, reason, attempts, max_attempts, created_at, finished_at, last_error
            FROM retraining_task WHERE run_date >= ? AND run_date <= ? ORDER BY monitor, run_date, id""";

    /** A drift_run as the page shows it. */
    public record Run(long id, String monitor, String model, LocalDate runDate, Instant windowStart, Instant windowEnd,
                      String status, Long baselineRows, Long currentRows, String baselineSource, Integer featuresEvaluated,
                      Integer featuresDrifted, Double driftShare, Boolean datasetDrift, String performanceStatus,
                      Double accuracy, Double latencySeconds, String retrainingDecision, String retrainingReason,
                      String failureMessage, Instant completedAt) {
    }

    /**
     * One drift_report row's numbers for history charts.
     *
     * @param explanation what changed in the feature, on drifted rows; null otherwise
     */
    public record Score(LocalDate runDate, String feature, String method, Double score, Double pValue,
                        Double pValueAdjusted, String thresholdKind, double threshold, boolean drifted,
                        String explanation) {
    }

    /** A retraining_task as the history page lists it. */
    public record TaskRow(long id, String monitor, LocalDate runDate, String status, String reason, int attempts,
                          int maxAttempts, Instant createdAt, Instant finishedAt, String lastError) {
    }

    private final JdbcTemplate jdbc;

    public JdbcReportReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Run> runsOf(LocalDate runDate) {
        return jdbc.query(RUNS_OF_DATE, JdbcReportReader::run, runDate);
    }

    public List<Run> runsBetween(LocalDate from, LocalDate to) {
        return jdbc.query(RUNS_IN_RANGE, JdbcReportReader::run, from, to);
    }

    public List<LocalDate> runDatesBetween(LocalDate from, LocalDate to) {
        return jdbc.query(RUN_DATES, (rs, i) -> rs.getObject(1, LocalDate.class), from, to);
    }

    /** The latest run date of {@code monitor} (of any monitor when null), or null when there is no run. */
    public LocalDate latestRunDate(String monitor) {
        return monitor == null ? jdbc.queryForObject(LATEST_RUN_DATE, LocalDate.class)
                : jdbc.queryForObject(LATEST_RUN_DATE + " WHERE monitor = ?", LocalDate.class, monitor);
    }

    /** "N runs from A to B" of {@code monitor} (of any when null), or "no run" — for messages. */
    public String span(String monitor) {
        return monitor == null ? jdbc.queryForObject(RUN_DATE_SPAN, JdbcReportReader::span)
                : jdbc.queryForObject(RUN_DATE_SPAN + " WHERE monitor = ?", JdbcReportReader::span, monitor);
    }

    private static String span(ResultSet rs, int row) throws SQLException {
        long n = rs.getLong(3);
        return n == 0 ? "no run" : n + " run(s) from " + rs.getObject(1, LocalDate.class) + " to "
                + rs.getObject(2, LocalDate.class);
    }

    /** The monitor's scores over its last {@code runs} run dates up to {@code upTo}, oldest first. */
    public List<Score> lastScores(String monitor, LocalDate upTo, int runs) {
        List<LocalDate> dates = jdbc.query(LAST_RUN_DATES, (rs, i) -> rs.getObject(1, LocalDate.class), monitor, upTo, runs);
        if (dates.isEmpty()) {
            return List.of();
        }
        return scoresBetween(monitor, dates.get(dates.size() - 1), upTo);
    }

    public List<Score> scoresBetween(String monitor, LocalDate from, LocalDate to) {
        return jdbc.query(SCORES, (rs, i) -> new Score(rs.getObject("run_date", LocalDate.class), rs.getString("feature"),
                rs.getString("method"), rs.getObject("score", Double.class), rs.getObject("p_value", Double.class),
                rs.getObject("p_value_adjusted", Double.class), rs.getString("threshold_kind"), rs.getDouble("threshold"),
                rs.getBoolean("drifted"), rs.getString("explanation")), monitor, from, to);
    }

    public List<TaskRow> tasksBetween(LocalDate from, LocalDate to) {
        return new ArrayList<>(jdbc.query(TASKS, (rs, i) -> new TaskRow(rs.getLong("id"), rs.getString("monitor"),
                rs.getObject("run_date", LocalDate.class), rs.getString("status"), rs.getString("reason"),
                rs.getInt("attempts"), rs.getInt("max_attempts"), instant(rs, "created_at"), instant(rs, "finished_at"),
                rs.getString("last_error")), from, to));
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getLong("id"), rs.getString("monitor"), rs.getString("model"),
                rs.getObject("run_date", LocalDate.class), instant(rs, "window_start"), instant(rs, "window_end"),
                rs.getString("status"), rs.getObject("baseline_rows", Long.class), rs.getObject("current_rows", Long.class),
                rs.getString("baseline_source"), rs.getObject("features_evaluated", Integer.class),
                rs.getObject("features_drifted", Integer.class), rs.getObject("drift_share", Double.class),
                rs.getObject("dataset_drift", Boolean.class), rs.getString("performance_status"),
                rs.getObject("accuracy", Double.class), rs.getObject("latency_seconds", Double.class),
                rs.getString("retraining_decision"), rs.getString("retraining_reason"), rs.getString("failure_message"),
                instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
