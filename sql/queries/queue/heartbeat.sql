-- heartbeat (PostgreSQL and H2): extend the lease of a task this worker holds to now + %(lease_seconds)s.
-- Fenced by status and lease token: an update count of 0 means the lease was lost (the reaper returned
-- the task after the lease expired, or an operator cancelled it). Stop working on the task then.
-- Parameters: %(id)s, %(lease_token)s, %(lease_seconds)s (may be fractional)
UPDATE retraining_task
SET lease_expires_at = now() + CAST(%(lease_seconds)s AS DOUBLE PRECISION) * INTERVAL '1' SECOND,
    heartbeat_at     = now(),
    updated_at       = now()
WHERE id = %(id)s AND status = 'RUNNING' AND lease_token = %(lease_token)s;
