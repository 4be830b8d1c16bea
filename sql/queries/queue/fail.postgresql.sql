-- fail (PostgreSQL): the attempt failed. While attempts < max_attempts and the failure is retryable, the
-- task becomes RETRYABLE and available again after %(retry_delay_seconds)s (exponential backoff with jitter,
-- computed by the client: see docs/queue-protocol.md); otherwise it becomes FAILED (the dead letter) with
-- finished_at. The error is kept in last_error (first 4000 characters).
-- Fenced by status and lease token: no row means the lease was lost and nothing changed.
-- Parameters: %(id)s, %(lease_token)s, %(error)s, %(retryable)s (boolean, not NULL),
--             %(retry_delay_seconds)s (>= 0, may be fractional; may be NULL only when retryable is false)
-- A NULL retryable, or a NULL or negative delay for a retryable failure, is rejected with an error
-- "driftwatch queue: ...".
-- Returns the state the task was left in: id, status (RETRYABLE or FAILED), attempts, max_attempts,
-- available_at, finished_at, last_error.
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
WHERE id = %(id)s AND status = 'RUNNING' AND lease_token = %(lease_token)s
  AND 1 = CASE
      WHEN CAST(%(retryable)s AS BOOLEAN) IS NULL
          THEN CAST('driftwatch queue: fail needs retryable true or false, got '
                    || COALESCE(CAST(CAST(%(retryable)s AS BOOLEAN) AS VARCHAR), 'NULL') AS INTEGER)
      WHEN CAST(%(retryable)s AS BOOLEAN) AND (CAST(%(retry_delay_seconds)s AS DOUBLE PRECISION) IS NULL
                                               OR CAST(%(retry_delay_seconds)s AS DOUBLE PRECISION) < 0)
          THEN CAST('driftwatch queue: fail needs retry_delay_seconds >= 0 for a retryable failure, got '
                    || COALESCE(CAST(CAST(%(retry_delay_seconds)s AS DOUBLE PRECISION) AS VARCHAR), 'NULL') AS INTEGER)
      ELSE 1
  END
RETURNING id, status, attempts, max_attempts, available_at, finished_at, last_error;
