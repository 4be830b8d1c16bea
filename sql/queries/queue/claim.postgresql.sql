-- claim (PostgreSQL): take up to %(limit)s available tasks in one statement. SKIP LOCKED lets concurrent
-- pollers pass over rows another claim holds, so no task is handed out twice; MATERIALIZED keeps the
-- planner from re-running the LIMITed subquery per row (Oban's and pg-boss's optimisation fence).
-- Every claimed row gets a fresh random lease token; keep it: every later write must present it.
-- Parameters: %(limit)s (1..1000), %(worker)s (lease owner, up to 200 chars),
--             %(lease_seconds)s (lease length in seconds, may be fractional)
-- Returns one row per claimed task (attempts already counts this attempt).
WITH next AS MATERIALIZED (
    SELECT id
    FROM retraining_task
    WHERE status IN ('PENDING', 'RETRYABLE') AND available_at <= now()
    ORDER BY priority DESC, available_at, id
    LIMIT %(limit)s
    FOR UPDATE SKIP LOCKED
)
UPDATE retraining_task t
SET status           = 'RUNNING',
    attempts         = t.attempts + 1,
    lease_owner      = %(worker)s,
    lease_token      = gen_random_uuid()::text,
    lease_expires_at = now() + CAST(%(lease_seconds)s AS DOUBLE PRECISION) * INTERVAL '1' SECOND,
    heartbeat_at     = now(),
    updated_at       = now()
FROM next
WHERE t.id = next.id
RETURNING t.id, t.model, t.monitor, t.run_date, t.reason, t.evidence::text AS evidence, t.priority,
          t.attempts, t.max_attempts, t.lease_token, t.lease_expires_at;
