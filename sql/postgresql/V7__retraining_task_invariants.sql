-- The retraining queue's invariants, enforced by the schema (docs/queue-protocol.md#the-table), so that no
-- poller in any language can leave a task in a state the reaper never sees. The shipped statements reject bad
-- arguments themselves (sql/queries/queue/); these constraints are the last line.

-- Repair first: rows that break the new rules would make ALTER TABLE fail. A RUNNING task without a usable
-- lease (no expiry, owner or token, no heartbeat, a lease that ends before it began, no attempt counted) is
-- handed back as the reaper hands back an expired lease: RETRYABLE while attempts remain (PENDING if it was
-- never counted), FAILED with finished_at on its last attempt. It keeps its available_at, i.e. its place in line.
UPDATE retraining_task
SET status           = CASE WHEN attempts >= max_attempts THEN 'FAILED'
                            WHEN attempts < 1 THEN 'PENDING' ELSE 'RETRYABLE' END,
    finished_at      = CASE WHEN attempts >= max_attempts THEN now() END,
    last_error       = 'V7 repair: RUNNING without a valid lease (owner ' || COALESCE(lease_owner, 'unknown')
                       || ', expiry ' || COALESCE(CAST(lease_expires_at AS VARCHAR), 'none')
                       || '); handed back as if its lease had expired',
    lease_expires_at = NULL,
    updated_at       = now()
WHERE status = 'RUNNING'
  AND (lease_expires_at IS NULL OR lease_owner IS NULL OR TRIM(lease_owner) = '' OR lease_token IS NULL
       OR heartbeat_at IS NULL OR lease_expires_at <= heartbeat_at OR attempts < 1);

-- Only a RUNNING task has a lease expiry (the other writes always cleared it; a stray one fences nothing).
UPDATE retraining_task SET lease_expires_at = NULL WHERE status <> 'RUNNING' AND lease_expires_at IS NOT NULL;

-- RUNNING <=> lease_expires_at set: the reaper finds every running task once its lease ends.
ALTER TABLE retraining_task ADD CONSTRAINT retraining_task_lease_ck
    CHECK ((status = 'RUNNING') = (lease_expires_at IS NOT NULL));
-- A RUNNING task has an owner (a non-blank worker name) and a lease token that fences its writes.
ALTER TABLE retraining_task ADD CONSTRAINT retraining_task_running_owner_ck
    CHECK (status <> 'RUNNING' OR (lease_owner IS NOT NULL AND TRIM(lease_owner) <> '' AND lease_token IS NOT NULL));
-- A lease is positive: it ends after the claim or heartbeat that set it.
ALTER TABLE retraining_task ADD CONSTRAINT retraining_task_running_lease_ck
    CHECK (status <> 'RUNNING' OR (heartbeat_at IS NOT NULL AND lease_expires_at > heartbeat_at));
-- A RUNNING task's attempt is counted.
ALTER TABLE retraining_task ADD CONSTRAINT retraining_task_running_attempts_ck
    CHECK (status <> 'RUNNING' OR attempts >= 1);
