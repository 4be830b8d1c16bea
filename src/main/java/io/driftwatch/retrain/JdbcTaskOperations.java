package io.driftwatch.retrain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.driftwatch.DriftwatchException;

/**
 * What an operator does to the retraining queue by hand: list tasks, approve a task waiting at the
 * approval gate, cancel an open task, requeue a failed or cancelled one. Every change is one fenced
 * statement: it applies only from the states the operation allows, and says why when it does not.
 */
public class JdbcTaskOperations {

    private static final String LIST = """
            SELECT id, model, monitor, run_date, status, priority, attempts, max_attempts, available_at, lease_owner,
                   reason, last_error
            FROM retraining_task %s ORDER BY id DESC LIMIT ?""";

    private static final String APPROVE = """
            UPDATE retraining_task SET status = 'PENDING', available_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP
            WHERE id = ? AND status = 'AWAITING_APPROVAL'""";

    // A RUNNING task may be cancelled too: its worker's next heartbeat or completion is refused (lease fencing).
    private static final String CANCEL = """
            UPDATE retraining_task SET status = 'CANCELLED', finished_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP,
                   lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
            WHERE id = ? AND status IN ('PENDING', 'RETRYABLE', 'AWAITING_APPROVAL', 'RUNNING')""";

    private static final String REQUEUE = """
            UPDATE retraining_task SET status = 'PENDING', attempts = 0, finished_at = NULL, available_at = CURRENT_TIMESTAMP,
                   updated_at = CURRENT_TIMESTAMP, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
            WHERE id = ? AND status IN ('FAILED', 'CANCELLED')""";

    private static final String STATUS = "SELECT status FROM retraining_task WHERE id = ?";

    private static final String DEPTH = "SELECT status, COUNT(*) AS tasks FROM retraining_task GROUP BY status";

    // Both instants come from the database, so the age is measured on one clock.
    private static final String OLDEST_WAITING = "SELECT MIN(created_at) AS oldest, CURRENT_TIMESTAMP AS now"
            + " FROM retraining_task WHERE status IN ('PENDING', 'RETRYABLE')";

    private static final Set<String> STATUSES = Set.of("PENDING", "RUNNING", "SUCCEEDED", "RETRYABLE", "FAILED", "CANCELLED",
            "AWAITING_APPROVAL");

    /** A task as listed for an operator. */
    public record TaskLine(long id, String model, String monitor, LocalDate runDate, String status, int priority,
                           int attempts, int maxAttempts, OffsetDateTime availableAt, String leaseOwner, String reason,
                           String lastError) {
    }

    /**
     * Tasks by status (every status, zero when none) and the age of the oldest task waiting to be
     * claimed (PENDING or RETRYABLE), or null when none waits.
     */
    public record QueueDepth(java.util.Map<String, Long> byStatus, java.time.Duration oldestWaiting) {
    }

    /** The operation cannot be applied: unknown task, or a state it does not apply to. Exit code 2. */
    public static class TaskOperationException extends DriftwatchException {
        public TaskOperationException(String message) {
            super(message);
        }
    }

    private final JdbcTemplate jdbc;

    public JdbcTaskOperations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest {@code limit} tasks, optionally of one status. */
    public List<TaskLine> list(String status, int limit) {
        String where = "";
        Object[] args = {limit};
        if (status != null) {
            String s = status.toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(s)) {
                throw new TaskOperationException("Unknown status '" + status + "'; use one of " + STATUSES);
            }
            where = "WHERE status = ?";
            args = new Object[] {s, limit};
        }
        return jdbc.query(LIST.formatted(where), (rs, i) -> new TaskLine(rs.getLong("id"), rs.getString("model"),
                rs.getString("monitor"), rs.getObject("run_date", LocalDate.class), rs.getString("status"),
                rs.getInt("priority"), rs.getInt("attempts"), rs.getInt("max_attempts"),
                rs.getObject("available_at", OffsetDateTime.class), rs.getString("lease_owner"), rs.getString("reason"),
                rs.getString("last_error")), args);
    }

    /** How many tasks are in each status, and how long the oldest waiting one has waited. */
    public QueueDepth depth() {
        java.util.Map<String, Long> byStatus = new java.util.TreeMap<>();
        STATUSES.forEach(status -> byStatus.put(status, 0L));
        jdbc.query(DEPTH, rs -> {
            byStatus.put(rs.getString("status"), rs.getLong("tasks"));
        });
        java.time.Duration oldest = jdbc.queryForObject(OLDEST_WAITING, (rs, i) -> {
            OffsetDateTime first = rs.getObject("oldest", OffsetDateTime.class);
            OffsetDateTime now = rs.getObject("now", OffsetDateTime.class);
            return first == null ? null : java.time.Duration.between(first, now);
        });
        return new QueueDepth(java.util.Collections.unmodifiableMap(byStatus), oldest);
    }

    public void approve(long id) {
        apply(id, APPROVE, "approve", "AWAITING_APPROVAL");
    }

    public void cancel(long id) {
        apply(id, CANCEL, "cancel", "PENDING, RETRYABLE, AWAITING_APPROVAL or RUNNING");
    }

    public void requeue(long id) {
        try {
            apply(id, REQUEUE, "requeue", "FAILED or CANCELLED");
        } catch (DuplicateKeyException e) {
            throw new TaskOperationException("Cannot requeue task " + id + ": its model already has an open task (one open"
                    + " task per model). Finish or cancel that one first.");
        }
    }

    private void apply(long id, String sql, String operation, String allowed) {
        int updated = jdbc.update(sql, id);
        if (updated == 1) {
            return;
        }
        if (updated > 1) {
            throw new IllegalStateException(operation + " of task " + id + " updated " + updated + " rows");
        }
        List<String> status = jdbc.queryForList(STATUS, String.class, id);
        throw new TaskOperationException(status.isEmpty() ? "No retraining task has id " + id + "."
                : "Cannot " + operation + " task " + id + ": it is " + status.get(0) + "; " + operation
                        + " applies to tasks that are " + allowed + ".");
    }
}
