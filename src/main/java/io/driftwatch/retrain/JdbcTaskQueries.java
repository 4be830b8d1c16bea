package io.driftwatch.retrain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import io.driftwatch.retrain.queue.TaskStatus;

/**
 * Reads of {@code retraining_task} for the decide step, operators and meters. Every write goes
 * through {@link io.driftwatch.retrain.queue.RetrainingQueue}.
 */
public class JdbcTaskQueries {

    private static final String LIST = """
            SELECT id, model, monitor, run_date, status, priority, attempts, max_attempts, available_at, lease_owner,
                   reason, last_error
            FROM retraining_task %s ORDER BY id DESC LIMIT ?""";

    private static final String DEPTH = "SELECT status, COUNT(*) AS tasks FROM retraining_task GROUP BY status";

    // Both instants come from the database, so the age is measured on one clock.
    private static final String OLDEST_WAITING = "SELECT MIN(created_at) AS oldest, CURRENT_TIMESTAMP AS now"
            + " FROM retraining_task WHERE status IN (" + TaskStatus.sqlList(EnumSet.of(TaskStatus.PENDING,
            TaskStatus.RETRYABLE)) + ")";

    private static final String OPEN_TASK = "SELECT id, status FROM retraining_task WHERE model = ? AND status IN ("
            + TaskStatus.sqlList(TaskStatus.open()) + ") ORDER BY id LIMIT 1";

    private static final String LAST_SUCCEEDED =
            "SELECT MAX(finished_at) FROM retraining_task WHERE model = ? AND status = '" + TaskStatus.SUCCEEDED + "'";

    private static final String CREATED_SINCE = "SELECT COUNT(*) FROM retraining_task WHERE model = ? AND created_at >= ?"
            + " AND status <> '" + TaskStatus.CANCELLED + "'";

    private static final String TASKS = "SELECT id, model, monitor, run_id, run_date, reason, evidence, status"
            + " FROM retraining_task";
    private static final String BY_RUN_DATE = TASKS + " WHERE run_date = ? ORDER BY monitor";
    private static final String FOR_RUN = TASKS + " WHERE monitor = ? AND run_date = ?";

    private static final RowMapper<Task> TASK = (rs, i) -> new Task(rs.getLong("id"), rs.getString("model"),
            rs.getString("monitor"), rs.getObject("run_id", Long.class), rs.getObject("run_date", LocalDate.class),
            rs.getString("reason"), rs.getString("evidence"), TaskStatus.valueOf(rs.getString("status")));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcTaskQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The latest {@code limit} tasks, of one status or (null) of all. */
    public List<TaskLine> list(TaskStatus status, int limit) {
        String where = status == null ? "" : "WHERE status = ?";
        Object[] args = status == null ? new Object[] {limit} : new Object[] {status.name(), limit};
        return jdbc.query(LIST.formatted(where), (rs, i) -> new TaskLine(rs.getLong("id"), rs.getString("model"),
                rs.getString("monitor"), rs.getObject("run_date", LocalDate.class), TaskStatus.valueOf(rs.getString("status")),
                rs.getInt("priority"), rs.getInt("attempts"), rs.getInt("max_attempts"), instant(rs, "available_at"),
                rs.getString("lease_owner"), rs.getString("reason"), rs.getString("last_error")), args);
    }

    /** How many tasks are in each status, and how long the oldest waiting one has waited. */
    public QueueDepth depth() {
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        jdbc.query(DEPTH, rs -> {
            byStatus.put(TaskStatus.valueOf(rs.getString("status")), rs.getLong("tasks"));
        });
        Duration oldest = jdbc.queryForObject(OLDEST_WAITING, (rs, i) -> {
            OffsetDateTime first = rs.getObject("oldest", OffsetDateTime.class);
            OffsetDateTime now = rs.getObject("now", OffsetDateTime.class);
            return first == null ? null : Duration.between(first, now);
        });
        return new QueueDepth(byStatus, oldest);
    }

    /** The tasks enqueued for a run date, by monitor. */
    public List<Task> byRunDate(LocalDate runDate) {
        return jdbc.query(BY_RUN_DATE, TASK, runDate);
    }

    /** The task a monitor's run of a date enqueued, if any (at most one: a unique constraint). */
    public Optional<Task> forRun(String monitor, LocalDate runDate) {
        return jdbc.query(FOR_RUN, TASK, monitor, runDate).stream().findFirst();
    }

    /** The queue as the guardrails see it for one model, now. */
    public Guardrails.QueueState queueState(String model, Duration period) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<Guardrails.OpenTask> open = jdbc.query(OPEN_TASK, (rs, i) -> new Guardrails.OpenTask(rs.getLong("id"),
                TaskStatus.valueOf(rs.getString("status"))), model);
        OffsetDateTime lastSucceeded = jdbc.queryForObject(LAST_SUCCEEDED, OffsetDateTime.class, model);
        Long created = jdbc.queryForObject(CREATED_SINCE, Long.class, model, now.minus(period));
        return new Guardrails.QueueState(open.stream().findFirst().orElse(null),
                lastSucceeded == null ? null : lastSucceeded.toInstant(), created == null ? 0 : created);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
