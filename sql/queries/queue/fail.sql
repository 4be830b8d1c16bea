-- fail (PostgreSQL and H2): the attempt failed. While attempts < max_attempts and the failure is
-- retryable, the task becomes RETRYABLE and available again after %(retry_delay_seconds)s (exponential
-- backoff with jitter, computed by the client: see docs/queue-protocol.md); otherwise it becomes FAILED
-- (the dead letter) with finished_at. The error is kept in last_error (first 4000 characters).
-- Fenced by status and lease token: an update count of 0 means the lease was lost and nothing changed.
-- Parameters: %(id)s, %(lease_token)s, %(error)s, %(retryable)s (boolean),
--             %(retry_delay_seconds)s (may be fractional; ignored when the task becomes FAILED)
UPDATE retraining_task
SET status           = CASE WHEN CAST(%(retryable)s AS BOOLEAN) AND attempts < max_attempts
                            THEN 'RETRYABLE' ELSE 'FAILED' END,
    available_at     = CASE WHEN CAST(%(retryable)s AS BOOLEAN) AND attempts < max_attempts
                            THEN now() + CAST(%(retry_delay_seconds)s AS DOUBLE PRECISION) * INTERVAL '1' SECOND
                            ELSE available_at END,
    finished_at      = CASE WHEN CAST(%(retryable)s AS BOOLEAN) AND attempts < max_attempts
                            THEN NULL ELSE now() END,
    last_error       = LEFT(%(error)s, 4000),
    lease_expires_at = NULL,
    updated_at       = now()
WHERE id = %(id)s AND status = 'RUNNING' AND lease_token = %(lease_token)s;
