package io.driftwatch.retrain.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import io.driftwatch.db.Dialect;

/**
 * The retraining queue as a worker sees it, over the {@code retraining_task} table. The protocol
 * (docs/queue-protocol.md) in short: {@link #claim claim} tasks with a lease; while working,
 * {@link #heartbeat heartbeat} well within the lease; finish with {@link #complete complete},
 * {@link #fail fail} or {@link #release release}. Those writes are fenced by the lease token: after the
 * lease is lost they change nothing and throw {@link LeaseLostException}. A {@link #reap reaper} returns
 * tasks whose lease expired (crashed or stalled workers). All times are the database's clock.
 *
 * <p>Implementations are thread-safe; every operation is its own short transaction (or joins the
 * caller's Spring transaction). The SQL is the one shipped in {@code sql/queries/queue/}.
 */
public interface RetrainingQueue {

    /** A queue with the {@linkplain RetryPolicy#DEFAULT default retry policy}. */
    static RetrainingQueue create(DataSource dataSource, Dialect dialect) {
        return create(dataSource, dialect, RetryPolicy.DEFAULT, () -> ThreadLocalRandom.current().nextLong());
    }

    /**
     * A queue for the given database.
     *
     * @param random draws the backoff jitter; inject a seeded generator in tests (access is synchronized)
     */
    static RetrainingQueue create(DataSource dataSource, Dialect dialect, RetryPolicy retryPolicy, RandomGenerator random) {
        return new JdbcRetrainingQueue(dataSource, dialect, retryPolicy, random);
    }

    /**
     * Enqueues a PENDING task (AWAITING_APPROVAL when {@link NewTask#awaitingApproval()}) unless an open task (PENDING, RUNNING, RETRYABLE, AWAITING_APPROVAL) has the
     * same dedupe key, or the monitor already has a task for the run date.
     *
     * @return the new task's id; empty for a duplicate
     */
    Optional<Long> enqueue(NewTask task);

    /**
     * Claims up to {@code limit} available tasks (PENDING or RETRYABLE with available_at reached), highest
     * priority first, then oldest available, then lowest id. Each is RUNNING with attempts incremented,
     * owned by {@code worker} and leased until now + {@code lease} under a fresh random token.
     *
     * @param worker a name for the lease owner, 1–200 characters (host and process, for operators)
     * @param limit  1–1000
     * @param lease  positive; a heartbeat must come before it runs out
     * @return the claimed tasks, possibly fewer than {@code limit}; empty when nothing is available
     */
    List<ClaimedTask> claim(String worker, int limit, Duration lease);

    /**
     * Extends the lease to now + {@code lease}.
     *
     * @throws LeaseLostException when the lease was lost (nothing changed): stop working on the task
     */
    void heartbeat(ClaimedTask task, Duration lease);

    /**
     * The task succeeded: SUCCEEDED, with finished_at.
     *
     * @throws LeaseLostException when the lease was lost (nothing changed)
     */
    void complete(ClaimedTask task);

    /** A {@linkplain FailureKind#TRANSIENT transient} failure; see {@link #fail(ClaimedTask, String, FailureKind)}. */
    default FailOutcome fail(ClaimedTask task, String error) {
        return fail(task, error, FailureKind.TRANSIENT);
    }

    /**
     * The attempt failed. A transient failure with attempts left makes the task RETRYABLE after the retry
     * policy's backoff; otherwise it becomes FAILED (the dead letter). {@code error} becomes last_error.
     *
     * @throws LeaseLostException when the lease was lost (nothing changed)
     */
    FailOutcome fail(ClaimedTask task, String error, FailureKind kind);

    /**
     * Gives the task back without using up an attempt (e.g. on shutdown): attempts returns to its value
     * before the claim and the task is claimable again after {@code delay} (zero: at once).
     *
     * @throws LeaseLostException when the lease was lost (nothing changed)
     */
    void release(ClaimedTask task, Duration delay);

    /**
     * Returns RUNNING tasks whose lease expired: RETRYABLE (available at once) while attempts remain,
     * FAILED otherwise. Safe to run from several processes at once.
     */
    ReapResult reap();

    /**
     * Operators: a task held at the approval gate (AWAITING_APPROVAL) becomes PENDING, claimable at once.
     *
     * @throws TaskOperationException when no task has the id or it is not AWAITING_APPROVAL (nothing changed)
     */
    void approve(long id);

    /**
     * Operators: an open task (PENDING, RETRYABLE, AWAITING_APPROVAL or RUNNING) becomes CANCELLED; a RUNNING
     * task's lease ends, so its worker's next write is refused.
     *
     * @throws TaskOperationException when no task has the id or it is already final (nothing changed)
     */
    void cancel(long id);

    /**
     * Operators: a FAILED or CANCELLED task becomes PENDING again with its attempts reset.
     *
     * @throws TaskOperationException when no task has the id, it is in another state, or its model already has
     *                                another open task (nothing changed)
     */
    void requeue(long id);
}
