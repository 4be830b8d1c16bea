package io.driftwatch.retrain.queue;

/**
 * The states of a retraining task. An <em>open</em> task holds its dedupe key (no second open task may
 * have it); a <em>final</em> task has {@code finished_at} set and never changes again.
 */
public enum TaskStatus {
    /** Waiting to be claimed for its first attempt. */
    PENDING(true),
    /** Claimed: a worker holds the lease (lease_token, lease_expires_at). */
    RUNNING(true),
    /** An attempt failed or its lease expired; claimable again from available_at. */
    RETRYABLE(true),
    /** Waiting for an operator's approval before it can be claimed. */
    AWAITING_APPROVAL(true),
    /** Final: a worker completed it. */
    SUCCEEDED(false),
    /** Final, the dead letter: failed permanently or out of attempts. */
    FAILED(false),
    /** Final: an operator cancelled it. */
    CANCELLED(false);

    private final boolean open;

    TaskStatus(boolean open) {
        this.open = open;
    }

    /** Whether the task still holds its dedupe key. */
    public boolean isOpen() {
        return open;
    }

    /** Whether the task is finished ({@code finished_at} is set). */
    public boolean isFinal() {
        return !open;
    }
}
