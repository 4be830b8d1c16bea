package io.driftwatch.retrain.queue;

/**
 * What one reaper pass did to RUNNING tasks whose lease had expired.
 *
 * @param retried tasks with attempts left, returned as RETRYABLE (available at once)
 * @param failed  tasks whose expired lease was their last allowed attempt, now FAILED
 */
public record ReapResult(int retried, int failed) {

    public ReapResult {
        if (retried < 0 || failed < 0) {
            throw new IllegalArgumentException("reaped counts must be non-negative: retried=" + retried + ", failed=" + failed);
        }
    }

    public int total() {
        return retried + failed;
    }
}
