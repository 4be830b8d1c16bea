package io.driftwatch.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.DriftwatchException;
import io.driftwatch.db.Dialect;

/** {@code drift_run} persistence. Opening is idempotent per monitor and run date; completing is fenced by status. */
public class JdbcDriftRunDao {

    private static final String OPEN = """
            INSERT INTO drift_run (monitor, model, run_date, window_start, window_end, baseline_table, baseline_start,
                                   baseline_end, status, job_execution_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private static final String REOPEN = """
            UPDATE drift_run SET status = 'RUNNING', job_execution_id = ?, model = ?, window_start = ?, window_end = ?,
                   baseline_table = ?, baseline_start = ?, baseline_end = ?, failure_message = NULL, updated_at = ?
            WHERE monitor = ? AND run_date = ? AND status <> 'COMPLETED'""";

    /** Back to RUNNING on purpose (runs rerun): the outcome of the completed run is cleared, the row and its id stay. */
    private static final String REOPEN_COMPLETED = """
            UPDATE drift_run SET status = 'RUNNING', job_execution_id = ?, model = ?, window_start = ?, window_end = ?,
                   baseline_table = ?, baseline_start = ?, baseline_end = ?, baseline_rows = NULL, current_rows = NULL,
                   rows_scanned = NULL, buckets_reused = NULL, buckets_profiled = NULL, buckets_settled = NULL,
                   baseline_source = NULL, baseline_fingerprint = NULL, features_evaluated = NULL, features_drifted = NULL,
                   drift_share = NULL, dataset_drift = NULL, performance_status = NULL, accuracy = NULL,
                   latency_seconds = NULL, retraining_decision = NULL, retraining_reason = NULL, snapshot = NULL,
                   failure_message = NULL, completed_at = NULL, updated_at = ?
            WHERE id = ? AND status = 'COMPLETED'""";

    private static final String SELECT = """
            SELECT id, monitor, model, run_date, window_start, window_end, status, baseline_rows, current_rows,
                   retraining_decision, retraining_reason, features_evaluated, features_drifted, drift_share,
                   dataset_drift, failure_message, rows_scanned, buckets_reused, buckets_profiled, buckets_settled
            FROM drift_run""";

    private static final String SET_ROWS_BASELINE = "UPDATE drift_run SET baseline_rows = ?, updated_at = ? WHERE id = ?";
    private static final String SET_BASELINE_SOURCE =
            "UPDATE drift_run SET baseline_source = ?, baseline_fingerprint = ?, updated_at = ? WHERE id = ?";
    private static final String SET_SCAN = """
            UPDATE drift_run SET rows_scanned = ?, buckets_reused = ?, buckets_profiled = ?, buckets_settled = ?,
                   updated_at = ?
            WHERE id = ?""";
    private static final String SET_ROWS_CURRENT = "UPDATE drift_run SET current_rows = ?, updated_at = ? WHERE id = ?";

    private static final String COMPLETE_TEMPLATE = """
            UPDATE drift_run SET status = 'COMPLETED', features_evaluated = ?, features_drifted = ?, drift_share = ?,
                   dataset_drift = ?, performance_status = ?, accuracy = ?, latency_seconds = ?, retraining_decision = ?,
                   retraining_reason = ?, snapshot = %s, completed_at = ?, updated_at = ?
            WHERE id = ? AND status = 'RUNNING'""";

    /** The runs an execution left open. */
    private static final String OPEN_RUNS = " WHERE run_date = ? AND status = 'RUNNING' AND job_execution_id = ?";

    private static final String FAIL_OPEN_RUNS =
            "UPDATE drift_run SET status = 'FAILED', failure_message = ?, updated_at = ?" + OPEN_RUNS;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String complete;

    public JdbcDriftRunDao(JdbcTemplate jdbc, Dialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.complete = COMPLETE_TEMPLATE.formatted(dialect.jsonParameter());
    }

    /**
     * Opens (or re-opens after a failure) the run of a monitor and date. A completed run is left
     * untouched and returned as it is, so callers skip it.
     */
    public DriftRun open(String monitor, String model, LocalDate runDate, Instant windowStart, Instant windowEnd,
                         String baselineTable, Instant baselineStart, Instant baselineEnd, long jobExecutionId) {
        OffsetDateTime now = now();
        jdbc.update(OPEN, monitor, model, runDate, utc(windowStart), utc(windowEnd), baselineTable, utc(baselineStart),
                utc(baselineEnd), jobExecutionId, now, now);
        jdbc.update(REOPEN, jobExecutionId, model, utc(windowStart), utc(windowEnd), baselineTable, utc(baselineStart),
                utc(baselineEnd), now, monitor, runDate);
        return find(monitor, runDate).orElseThrow(() -> new DriftwatchException(
                "drift_run for monitor '" + monitor + "' and " + runDate + " vanished right after it was opened"));
    }

    /**
     * Reopens a COMPLETED run for reprocessing: same row and id (so a retraining task stays linked to it),
     * outcome cleared, status RUNNING under {@code jobExecutionId}.
     */
    public DriftRun reopenCompleted(DriftRun run, String model, Instant windowStart, Instant windowEnd, String baselineTable,
                                    Instant baselineStart, Instant baselineEnd, long jobExecutionId) {
        expectOne(jdbc.update(REOPEN_COMPLETED, jobExecutionId, model, utc(windowStart), utc(windowEnd), baselineTable,
                utc(baselineStart), utc(baselineEnd), now(), run.id()), "reopen completed drift_run " + run.id());
        return find(run.monitor(), run.runDate()).orElseThrow();
    }

    public Optional<DriftRun> find(String monitor, LocalDate runDate) {
        return jdbc.query(SELECT + " WHERE monitor = ? AND run_date = ?", this::map, monitor, runDate).stream().findFirst();
    }


    public void recordRows(long runId, boolean baseline, long rows) {
        expectOne(jdbc.update(baseline ? SET_ROWS_BASELINE : SET_ROWS_CURRENT, rows, now(), runId), "record rows of run " + runId);
    }

    /**
     * Records what the run read from the feature tables: rows fetched by its profile scans, and the current window's
     * buckets reused from storage and profiled.
     */
    public void recordScan(long runId, long rowsScanned, int bucketsReused, int bucketsProfiled) {
        recordScan(runId, rowsScanned, bucketsReused, bucketsProfiled, 0);
    }

    /** As {@link #recordScan(long, long, int, int)}, with the reused buckets trusted as settled without counting. */
    public void recordScan(long runId, long rowsScanned, int bucketsReused, int bucketsProfiled, int bucketsSettled) {
        expectOne(jdbc.update(SET_SCAN, rowsScanned, bucketsReused, bucketsProfiled, bucketsSettled, now(), runId),
                "record rows scanned by run " + runId);
    }

    /** Records whether the baseline was scanned or taken from the cache, and its fingerprint. */
    public void recordBaselineSource(long runId, String source, String fingerprint) {
        expectOne(jdbc.update(SET_BASELINE_SOURCE, source, fingerprint, now(), runId), "record baseline source of run " + runId);
    }

    /**
     * Completes a running run. Returns false when the run was not RUNNING (already completed by an
     * earlier attempt), in which case the caller must write nothing else.
     */
    public boolean complete(long runId, RunCompletion c) {
        OffsetDateTime now = now();
        int updated = jdbc.update(complete, c.featuresEvaluated(), c.featuresDrifted(), c.driftShare(), c.datasetDrift(),
                c.performance().status().name(), c.performance().accuracy(), c.performance().latencySeconds(),
                c.retraining().name(), truncate(c.retrainingReason()), c.snapshotJson(), now, now, runId);
        if (updated > 1) {
            throw new DriftwatchException("completing drift_run " + runId + " updated " + updated + " rows; expected at most 1");
        }
        return updated == 1;
    }

    /** Marks the runs a failed or stopped execution left RUNNING as FAILED, so history shows it; returns their monitors. */
    public List<String> failOpenRuns(LocalDate runDate, long jobExecutionId, String message) {
        List<String> open = jdbc.queryForList("SELECT monitor FROM drift_run" + OPEN_RUNS + " ORDER BY monitor",
                String.class, runDate, jobExecutionId);
        jdbc.update(FAIL_OPEN_RUNS, truncate(message), now(), runDate, jobExecutionId);
        return open;
    }

    private DriftRun map(ResultSet rs, int row) throws SQLException {
        return new DriftRun(rs.getLong("id"), rs.getString("monitor"), rs.getString("model"),
                rs.getObject("run_date", LocalDate.class), rs.getObject("window_start", OffsetDateTime.class).toInstant(),
                rs.getObject("window_end", OffsetDateTime.class).toInstant(), DriftRun.Status.valueOf(rs.getString("status")),
                rs.getObject("baseline_rows", Long.class), rs.getObject("current_rows", Long.class),
                outcome(rs.getString("retraining_decision")), rs.getString("retraining_reason"),
                rs.getObject("features_evaluated", Integer.class), rs.getObject("features_drifted", Integer.class),
                rs.getObject("drift_share", Double.class), rs.getObject("dataset_drift", Boolean.class),
                rs.getString("failure_message"), rs.getObject("rows_scanned", Long.class),
                rs.getObject("buckets_reused", Integer.class), rs.getObject("buckets_profiled", Integer.class),
                rs.getObject("buckets_settled", Integer.class));
    }

    private static RetrainingOutcome outcome(String decision) {
        return decision == null ? null : RetrainingOutcome.valueOf(decision);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    private static void expectOne(int updated, String what) {
        if (updated != 1) {
            throw new DriftwatchException(what + ": updated " + updated + " rows, expected 1");
        }
    }
}
