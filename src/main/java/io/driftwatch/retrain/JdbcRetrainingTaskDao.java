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

    private static final String ENQUEUE_TEMPLATE = """
            INSERT INTO retraining_task (model, monitor, run_id, run_date, reason, evidence, priority, status, dedupe_key,
                                         attempts, max_attempts, available_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, %s, 0, 'PENDING', ?, 0, 5, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

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

    /** The dedupe key of the task of a monitor and run date. */
    public static String dedupeKey(String monitor, LocalDate runDate) {
        return monitor + "/" + runDate;
    }

    /** Inserts a PENDING task; returns false when the monitor already has one for that date. */
    public boolean enqueue(String model, String monitor, long runId, LocalDate runDate, String reason, String evidenceJson) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String trimmed = reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
        return jdbc.update(enqueue, model, monitor, runId, runDate, trimmed, evidenceJson, dedupeKey(monitor, runDate),
                now, now, now) == 1;
    }

    public List<Task> findByRunDate(LocalDate runDate) {
        return jdbc.query(SELECT + " WHERE run_date = ? ORDER BY monitor", (rs, i) -> new Task(rs.getLong("id"),
                rs.getString("model"), rs.getString("monitor"), rs.getObject("run_id", Long.class),
                rs.getObject("run_date", LocalDate.class), rs.getString("reason"), rs.getString("evidence"),
                rs.getString("status")), runDate);
    }
}
