-- claim (PostgreSQL): take up to %(limit)s available tasks in one statement. SKIP LOCKED lets concurrent
-- pollers pass over rows another claim holds, so no task is handed out twice; MATERIALIZED keeps the
-- planner from re-running the LIMITed subquery per row (Oban's and pg-boss's optimisation fence).
-- Every claimed row gets a fresh random lease token; keep it: every later write must present it.
-- Parameters: %(limit)s (1..1000), %(worker)s (lease owner, 1 to 200 chars),
--             %(lease_seconds)s (lease length in seconds, > 0, may be fractional)
-- A NULL or out-of-range argument is rejected with an error whose text starts "driftwatch queue:" (the LIMIT
-- carries the checks, so they run even when nothing is available).
-- Returns one row per claimed task (attempts already counts this attempt).
WITH next AS MATERIALIZED (
    SELECT id
    FROM retraining_task
    WHERE status IN ('PENDING', 'RETRYABLE') AND available_at <= now()
    ORDER BY priority DESC, available_at, id
    LIMIT CASE
        WHEN CAST(%(limit)s AS INTEGER) IS NULL OR CAST(%(limit)s AS INTEGER) NOT BETWEEN 1 AND 1000
            THEN CAST('driftwatch queue: claim needs limit between 1 and 1000, got '
                      || COALESCE(CAST(CAST(%(limit)s AS INTEGER) AS VARCHAR), 'NULL') AS INTEGER)
        WHEN CAST(%(worker)s AS VARCHAR) IS NULL OR TRIM(CAST(%(worker)s AS VARCHAR)) = ''
             OR LENGTH(CAST(%(worker)s AS VARCHAR)) > 200
            THEN CAST('driftwatch queue: claim needs worker, a name of 1 to 200 characters, got '
                      || COALESCE('''' || LEFT(CAST(%(worker)s AS VARCHAR), 40) || '''', 'NULL') AS INTEGER)
        WHEN CAST(%(lease_seconds)s AS DOUBLE PRECISION) IS NULL OR CAST(%(lease_seconds)s AS DOUBLE PRECISION) <= 0
            THEN CAST('driftwatch queue: claim needs lease_seconds > 0, got '
                      || COALESCE(CAST(CAST(%(lease_seconds)s AS DOUBLE PRECISION) AS VARCHAR), 'NULL') AS INTEGER)
        ELSE CAST(%(limit)s AS INTEGER)
    END
    FOR UPDATE SKIP LOCKED
)
UPDATE retraining_task t
SET status           = 'RUNNING',
    attempts         = t.attempts + 1,
    lease_owner      = CAST(%(worker)s AS VARCHAR),
    lease_token      = gen_random_uuid()::text,
    lease_expires_at = now() + CAST(%(lease_seconds)s AS DOUBLE PRECISION) * INTERVAL '1' SECOND,
    heartbeat_at     = now(),
    updated_at       = now()
FROM next
WHERE t.id = next.id
RETURNING t.id, t.model, t.monitor, t.run_date, t.reason, t.evidence::text AS evidence, t.priority,
          t.attempts, t.max_attempts, t.lease_token, t.lease_expires_at;
