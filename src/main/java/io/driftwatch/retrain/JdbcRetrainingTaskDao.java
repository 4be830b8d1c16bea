package io.driftwatch.retrain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.source.Dialect;

/**
 * Enqueues retraining tasks. There is at most one task per monitor and run date (a unique
 * constraint), so a retried or concurrent decide step cannot enqueue twice.
 */
public class JdbcRetrainingTaskDao {

    /** Ignores a second task of the same monitor and date, and a second open task of the same model. */
    private static final String ENQUEUE_TEMPLATE = """
            INSERT INTO retraining_task (model, monitor, run_id, run_date, reason, evidence, priority, status, dedupe_key,
                                         attempts, max_attempts, available_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, %s, ?, ?, ?, 0, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
            ON CONFLICT DO NOTHING""";

    private static final String OPEN_TASK = """
            SELECT id, status FROM retraining_task
            WHERE model = ? AND status IN ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL')
            ORDER BY id LIMIT 1""";
    private static final String LAST_SUCCEEDED = """
            SELECT MAX(finished_at) FROM retraining_task WHERE model = ? AND status = 'SUCCEEDED'""";
    private static final String CREATED_SINCE = """
            SELECT COUNT(*) FROM retraining_task WHERE model = ? AND created_at >= ? AND status <> 'CANCELLED'""";

    private static final String SELECT = """
            SELECT id, model, monitor, run_id, run_date, reason, evidence, status FROM retraining_task""";

    /** A task as the job wrote it (the consumer side lives in sql/queries/). */
    public record Task(long id, String model, String monitor, Long runId, LocalDate runDate, String reason,
                       String evidence, String status) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String enqueue;

    public JdbcRetrainingTaskDao(JdbcTemplate jdbc, Dialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.enqueue = ENQUEUE_TEMPLATE.formatted(dialect.jsonParameter());
    }

    /** The dedupe key of a model's retraining: unique among open tasks, so a model has one open task at most. */
    public static String dedupeKey(String model) {
        return "retrain:" + model;
    }

    /**
     * Inserts a task (PENDING, or AWAITING_APPROVAL behind an approval gate); returns false when the
     * monitor already has one for that date or the model already has an open one.
     */
    public boolean enqueue(String model, String monitor, long runId, LocalDate runDate, String reason, String evidenceJson,
                           int priority, boolean awaitingApproval, int maxAttempts) {
        // Timestamps are the database's, like every write of the queue protocol, so that workers compare
        // available_at and leases against one clock.
        String trimmed = reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
        return jdbc.update(enqueue, model, monitor, runId, runDate, trimmed, evidenceJson, priority,
                awaitingApproval ? "AWAITING_APPROVAL" : "PENDING", dedupeKey(model), maxAttempts) == 1;
    }

    /** The queue as the guardrails see it for one model. */
    public Guardrails.QueueState queueState(String model, java.time.Duration period) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<Object[]> open = jdbc.query(OPEN_TASK, (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}, model);
        OffsetDateTime lastSucceeded = jdbc.queryForObject(LAST_SUCCEEDED, OffsetDateTime.class, model);
        Long created = jdbc.queryForObject(CREATED_SINCE, Long.class, model, now.minus(period));
        return new Guardrails.QueueState(open.isEmpty() ? null : (Long) open.get(0)[0],
                open.isEmpty() ? null : (String) open.get(0)[1], lastSucceeded == null ? null : lastSucceeded.toInstant(),
                created == null ? 0 : created);
    }

    public boolean existsFor(String monitor, LocalDate runDate) {
        return !jdbc.queryForList("SELECT id FROM retraining_task WHERE monitor = ? AND run_date = ?", Long.class,
                monitor, runDate).isEmpty();
    }

    public List<Task> findByRunDate(LocalDate runDate) {
        return jdbc.query(SELECT + " WHERE run_date = ? ORDER BY monitor", (rs, i) -> new Task(rs.getLong("id"),
                rs.getString("model"), rs.getString("monitor"), rs.getObject("run_id", Long.class),
                rs.getObject("run_date", LocalDate.class), rs.getString("reason"), rs.getString("evidence"),
                rs.getString("status")), runDate);
    }
}
