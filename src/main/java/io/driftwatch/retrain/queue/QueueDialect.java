package io.driftwatch.retrain.queue;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two queue operations whose SQL differs between PostgreSQL and H2: the claim (one statement with
 * {@code FOR UPDATE SKIP LOCKED} on PostgreSQL, a guarded select-then-update on H2) and the enqueue
 * (jsonb and {@code RETURNING} on PostgreSQL). Everything else runs the same shipped statements on both.
 */
interface QueueDialect {

    /** Claims up to {@code limit} available tasks for {@code worker} with a lease of {@code leaseSeconds}. */
    List<ClaimedTask> claim(JdbcTemplate jdbc, String worker, int limit, double leaseSeconds);

    /** Inserts a PENDING task; empty when an open task has its dedupe key or its monitor and run date are taken. */
    Optional<Long> enqueue(JdbcTemplate jdbc, NewTask task);
}
