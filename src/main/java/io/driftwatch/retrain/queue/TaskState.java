package io.driftwatch.retrain.queue;

import java.time.Instant;

/** A task's queue columns as {@code task_state.sql} reads them; for reports after a refused write. */
record TaskState(long id, TaskStatus status, int attempts, int maxAttempts, String leaseOwner, String leaseToken,
                 Instant leaseExpiresAt, Instant availableAt, Instant finishedAt, String lastError) {
}
