-- release (PostgreSQL and H2): give a task back without using up an attempt (the worker is shutting
-- down, or cannot take this task now). attempts returns to its value before the claim; the task is
-- PENDING again if it had never been attempted before, RETRYABLE otherwise, and available after
-- %(delay_seconds)s (0 = at once).
-- Fenced by status and lease token: an update count of 0 means the lease was lost and nothing changed.
-- Parameters: %(id)s, %(lease_token)s, %(delay_seconds)s (>= 0, may be fractional; NULL or negative is rejected
-- with an error "driftwatch queue: ...")
UPDATE retraining_task
SET status           = CASE WHEN attempts <= 1 THEN 'PENDING' ELSE 'RETRYABLE' END,
    attempts         = attempts - 1,
    available_at     = now() + CAST(%(delay_seconds)s AS DOUBLE PRECISION) * INTERVAL '1' SECOND,
    lease_expires_at = NULL,
    updated_at       = now()
WHERE id = %(id)s AND status = 'RUNNING' AND lease_token = %(lease_token)s
  AND 1 = CASE
      WHEN CAST(%(delay_seconds)s AS DOUBLE PRECISION) IS NULL OR CAST(%(delay_seconds)s AS DOUBLE PRECISION) < 0
          THEN CAST('driftwatch queue: release needs delay_seconds >= 0, got '
                    || COALESCE(CAST(CAST(%(delay_seconds)s AS DOUBLE PRECISION) AS VARCHAR), 'NULL') AS INTEGER)
      ELSE 1
  END;
