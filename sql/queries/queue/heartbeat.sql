-- heartbeat (PostgreSQL and H2): extend the lease of a task this worker holds to now + %(lease_seconds)s.
-- Fenced by status and lease token: an update count of 0 means the lease was lost (the reaper returned
-- the task after the lease expired, or an operator cancelled it). Stop working on the task then.
-- Parameters: %(id)s, %(lease_token)s, %(lease_seconds)s (> 0, may be fractional; NULL or <= 0 is rejected
-- with an error "driftwatch queue: ...", checked before the fence, so even by a worker that lost its lease)
UPDATE retraining_task
SET lease_expires_at = now() + CAST(%(lease_seconds)s AS DOUBLE PRECISION) * INTERVAL '1' SECOND,
    heartbeat_at     = now(),
    updated_at       = now()
WHERE id = %(id)s AND status = 'RUNNING' AND lease_token = %(lease_token)s
  AND 1 = CASE
      WHEN CAST(%(lease_seconds)s AS DOUBLE PRECISION) IS NULL OR CAST(%(lease_seconds)s AS DOUBLE PRECISION) <= 0
          THEN CAST('driftwatch queue: heartbeat needs lease_seconds > 0, got '
                    || COALESCE(CAST(CAST(%(lease_seconds)s AS DOUBLE PRECISION) AS VARCHAR), 'NULL') AS INTEGER)
      ELSE 1
  END;
