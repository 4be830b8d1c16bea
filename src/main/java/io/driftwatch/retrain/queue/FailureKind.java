package io.driftwatch.retrain.queue;

/** How a worker reports a failed attempt. */
public enum FailureKind {
    /** Worth another attempt: RETRYABLE after a backoff while attempts remain, then FAILED. */
    TRANSIENT,
    /** Will fail again however often it is retried (bad input, missing model): FAILED at once. */
    PERMANENT
}
