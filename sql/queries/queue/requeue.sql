-- requeue (PostgreSQL and H2, operators): a FAILED or CANCELLED task gets a fresh start: PENDING with
-- its attempts reset, claimable at once. Fails with a unique violation on retraining_task_open_dedupe_uq
-- when its model already has another open task.
-- Fenced by status: an update count of 0 means the task is not FAILED or CANCELLED.
-- Parameters: %(id)s
UPDATE retraining_task
SET status           = 'PENDING',
    attempts         = 0,
    finished_at      = NULL,
    available_at     = now(),
    lease_owner      = NULL,
    lease_token      = NULL,
    lease_expires_at = NULL,
    updated_at       = now()
WHERE id = %(id)s AND status IN ('FAILED', 'CANCELLED');
