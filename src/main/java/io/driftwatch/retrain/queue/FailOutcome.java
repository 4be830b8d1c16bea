package io.driftwatch.retrain.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Where a failed attempt left its task, as the database recorded it. */
public sealed interface FailOutcome {

    long taskId();

    /** Attempts used so far, including the failed one. */
    int attempts();

    /** RETRYABLE: claimable again from {@code availableAt}, {@code retryDelay} after the failure. */
    record Retrying(long taskId, int attempts, Duration retryDelay, Instant availableAt) implements FailOutcome {
        public Retrying {
            Objects.requireNonNull(retryDelay, "retryDelay");
            Objects.requireNonNull(availableAt, "availableAt");
        }
    }

    /** FAILED, the dead letter: out of attempts or failed permanently; last_error says why. */
    record DeadLettered(long taskId, int attempts, String lastError) implements FailOutcome {
    }
}
