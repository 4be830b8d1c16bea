-- release (PostgreSQL and H2): give a task back without using up an attempt (the worker is shutting
-- down, or cannot take this task now). attempts returns to its value before the claim; the task is
-- PENDING again if it had never been attempted before, RETRYABLE otherwise, and available after
-- %(delay_seconds)s (0 = at once).
-- Fenced by status and lease token: an update count of 0 means the lease was lost and nothing changed.
-- Parameters: %(id)s, %(lease_token)s, %(delay_seconds)s (may be fractional)
UPDATE retraining_task
SET status           = CASE WHEN attempts <= 1 THEN 'PENDING' ELSE 'RETRYABLE' END,
    attempts         = attempts - 1,
    available_at     = now() + CAST(%(delay_seconds)s AS DOUBLE PRECISION) * INTERVAL '1' SECOND,
    lease_expires_at = NULL,
    updated_at       = now()
WHERE id = %(id)s AND status = 'RUNNING' AND lease_token = %(lease_token)s;
