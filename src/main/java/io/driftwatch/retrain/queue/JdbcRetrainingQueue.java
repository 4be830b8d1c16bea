package io.driftwatch.retrain.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.driftwatch.db.Dialect;
import io.driftwatch.db.ShippedSql;
import io.driftwatch.db.ShippedStatement;
import io.driftwatch.retrain.queue.LeaseLostException.Operation;

/** The queue over plain JDBC: the shipped statements, run through the database's {@link Dialect} where they differ. */
final class JdbcRetrainingQueue implements RetrainingQueue {

    private static final ShippedStatement HEARTBEAT = ShippedSql.loadOne("queue/heartbeat.sql");
    private static final ShippedStatement COMPLETE = ShippedSql.loadOne("queue/complete.sql");
    private static final ShippedStatement RELEASE = ShippedSql.loadOne("queue/release.sql");
    private static final ShippedStatement REAP_EXPIRED = ShippedSql.loadOne("queue/reap_expired.sql");
    private static final ShippedStatement REAP_EXHAUSTED = ShippedSql.loadOne("queue/reap_exhausted.sql");
    private static final ShippedStatement TASK_STATE = ShippedSql.loadOne("queue/task_state.sql");
    private static final ShippedStatement HOLD_FOR_APPROVAL = ShippedSql.loadOne("queue/hold_for_approval.sql");
    private static final ShippedStatement APPROVE = ShippedSql.loadOne("queue/approve.sql");
    private static final ShippedStatement CANCEL = ShippedSql.loadOne("queue/cancel.sql");
    private static final ShippedStatement REQUEUE = ShippedSql.loadOne("queue/requeue.sql");

    private static final int MAX_CLAIM = 1000;
    private static final int MAX_WORKER_LENGTH = 200;

    /** Maps the columns that both claim forms return. */
    static final RowMapper<ClaimedTask> CLAIMED_TASK = (rs, i) -> new ClaimedTask(rs.getLong("id"),
            rs.getString("model"), rs.getString("monitor"), rs.getObject("run_date", LocalDate.class),
            rs.getString("reason"), rs.getString("evidence"), rs.getInt("priority"), rs.getInt("attempts"),
            rs.getInt("max_attempts"), rs.getString("lease_token"), instant(rs, "lease_expires_at"));

    private static final RowMapper<TaskState> TASK_STATE_ROW = (rs, i) -> new TaskState(rs.getLong("id"),
            TaskStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getInt("max_attempts"),
            rs.getString("lease_owner"), rs.getString("lease_token"), instant(rs, "lease_expires_at"),
            instant(rs, "available_at"), instant(rs, "finished_at"), rs.getString("last_error"));

    /** The row fail.&lt;vendor&gt;.sql returns: the state the failure left the task in (no lease any more). */
    private static final RowMapper<TaskState> FAIL_ROW = (rs, i) -> new TaskState(rs.getLong("id"),
            TaskStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getInt("max_attempts"), null, null,
            null, instant(rs, "available_at"), instant(rs, "finished_at"), rs.getString("last_error"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Dialect dialect;
    private final List<ShippedStatement> claim;
    private final ShippedStatement enqueue;
    private final ShippedStatement fail;
    private final RetryPolicy retryPolicy;
    private final RandomGenerator random;

    JdbcRetrainingQueue(DataSource dataSource, Dialect dialect, RetryPolicy retryPolicy, RandomGenerator random) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.claim = ShippedSql.load("queue/claim." + dialect.vendor() + ".sql");
        this.enqueue = ShippedSql.loadOne("queue/enqueue." + dialect.vendor() + ".sql");
        this.fail = ShippedSql.loadOne("queue/fail." + dialect.vendor() + ".sql");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Optional<Long> enqueue(NewTask task) {
        Objects.requireNonNull(task, "task");
        // One transaction (or the caller's): a task held for approval is never claimable, not even for an instant.
        return transaction.execute(status -> {
            Optional<Long> id = dialect.insertReturningId(jdbc, enqueue, enqueueValues(task));
            if (id.isPresent() && task.awaitingApproval()) {
                expectOne(jdbc.update(HOLD_FOR_APPROVAL.sql(), HOLD_FOR_APPROVAL.bind(Map.of("id", id.get()))),
                        HOLD_FOR_APPROVAL, id.get());
            }
            return id;
        });
    }

    @Override
    public void approve(long id) {
        operate(id, APPROVE, "approve", EnumSet.of(TaskStatus.AWAITING_APPROVAL));
    }

    @Override
    public void cancel(long id) {
        operate(id, CANCEL, "cancel", TaskStatus.open());
    }

    @Override
    public void requeue(long id) {
        try {
            operate(id, REQUEUE, "requeue", EnumSet.of(TaskStatus.FAILED, TaskStatus.CANCELLED));
        } catch (DuplicateKeyException e) {
            throw new TaskOperationException("Cannot requeue task " + id + ": its model already has an open task (one open"
                    + " task per model). Finish or cancel that one first.");
        }
    }

    /** An operator's write, fenced by the states it applies to; says why when it changed nothing. */
    private void operate(long id, ShippedStatement statement, String operation, Set<TaskStatus> allowed) {
        int updated = jdbc.update(statement.sql(), statement.bind(Map.of("id", id)));
        if (updated == 1) {
            return;
        }
        if (updated != 0) {
            expectOne(updated, statement, id);
        }
        TaskState state = currentState(id);
        throw new TaskOperationException(state == null ? "No retraining task has id " + id + "."
                : "Cannot " + operation + " task " + id + ": it is " + state.status() + "; " + operation
                        + " applies to tasks that are " + TaskStatus.describe(allowed) + ".");
    }

    @Override
    public List<ClaimedTask> claim(String worker, int limit, Duration lease) {
        if (worker == null || worker.isBlank() || worker.length() > MAX_WORKER_LENGTH) {
            throw new IllegalArgumentException("worker must be 1.." + MAX_WORKER_LENGTH + " characters: '" + worker + "'");
        }
        if (limit < 1 || limit > MAX_CLAIM) {
            throw new IllegalArgumentException("claim limit must be in [1, " + MAX_CLAIM + "]: " + limit);
        }
        Map<String, Object> values = Map.of("limit", limit, "worker", worker, "lease_seconds", positiveSeconds(lease, "lease"));
        // Random, not derived from time or worker: a token must never be guessable or reused.
        return dialect.claim(jdbc, claim, values, () -> UUID.randomUUID().toString(), CLAIMED_TASK);
    }

    @Override
    public void heartbeat(ClaimedTask task, Duration lease) {
        fenced(Operation.HEARTBEAT, task, HEARTBEAT, Map.of("lease_seconds", positiveSeconds(lease, "lease")));
    }

    @Override
    public void complete(ClaimedTask task) {
        fenced(Operation.COMPLETE, task, COMPLETE, Map.of());
    }

    @Override
    public FailOutcome fail(ClaimedTask task, String error, FailureKind kind) {
        Objects.requireNonNull(kind, "kind");
        String message = error == null || error.isBlank() ? "(no error message given)" : error;
        Duration delay;
        synchronized (random) {
            delay = retryPolicy.delayAfter(task.attempts(), random);
        }
        Map<String, Object> values = new HashMap<>();
        values.put("id", task.id());
        values.put("lease_token", task.leaseToken());
        values.put("error", message);
        values.put("retryable", kind == FailureKind.TRANSIENT);
        values.put("retry_delay_seconds", seconds(delay));
        // The statement returns the row as it left it, so the outcome is what this failure did and not what a
        // later claim made of the task.
        List<TaskState> after = jdbc.query(fail.sql(), fail.bind(values), FAIL_ROW);
        if (after.isEmpty()) {
            throw new LeaseLostException(Operation.FAIL, task, currentState(task.id()));
        }
        if (after.size() != 1) {
            throw new IllegalStateException(fail.file() + " returned " + after.size() + " rows for retraining task "
                    + task.id() + "; a write by primary key can only change 0 or 1");
        }
        TaskState left = after.get(0);
        return switch (left.status()) {
            case RETRYABLE -> new FailOutcome.Retrying(task.id(), left.attempts(), delay, left.availableAt());
            case FAILED -> new FailOutcome.DeadLettered(task.id(), left.attempts(), left.lastError());
            default -> throw new IllegalStateException(fail.file() + " left retraining task " + task.id() + " "
                    + left.status() + "; it can only make it RETRYABLE or FAILED");
        };
    }

    @Override
    public void release(ClaimedTask task, Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("release delay must not be negative: " + delay);
        }
        fenced(Operation.RELEASE, task, RELEASE, Map.of("delay_seconds", seconds(delay)));
    }

    @Override
    public ReapResult reap() {
        int retried = jdbc.update(REAP_EXPIRED.sql());
        int failed = jdbc.update(REAP_EXHAUSTED.sql());
        return new ReapResult(retried, failed);
    }

    private static void expectOne(int updated, ShippedStatement statement, long id) {
        if (updated != 1) {
            throw new IllegalStateException(statement.file() + " updated " + updated + " rows for retraining task " + id
                    + "; a write by primary key can only update 0 or 1");
        }
    }

    /** Runs a write fenced by status RUNNING and the lease token; exactly one row must change. */
    private void fenced(Operation operation, ClaimedTask task, ShippedStatement statement, Map<String, Object> extra) {
        Objects.requireNonNull(task, "task");
        Map<String, Object> values = new HashMap<>(extra);
        values.put("id", task.id());
        values.put("lease_token", task.leaseToken());
        int updated = jdbc.update(statement.sql(), statement.bind(values));
        if (updated == 0) {
            throw new LeaseLostException(operation, task, currentState(task.id()));
        }
        expectOne(updated, statement, task.id());
    }

    private TaskState currentState(long id) {
        List<TaskState> rows = jdbc.query(TASK_STATE.sql(), TASK_STATE.bind(Map.of("id", id)), TASK_STATE_ROW);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static Map<String, Object> enqueueValues(NewTask task) {
        Map<String, Object> values = new HashMap<>();
        values.put("model", task.model());
        values.put("monitor", task.monitor());
        values.put("run_id", task.runId());
        values.put("run_date", task.runDate());
        values.put("reason", task.reason());
        values.put("evidence", task.evidence());
        values.put("priority", task.priority());
        values.put("dedupe_key", task.dedupeKey());
        values.put("max_attempts", task.maxAttempts());
        return values;
    }

    private static double positiveSeconds(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return seconds(duration);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
