-- complete (PostgreSQL and H2): the task succeeded. Final: finished_at is set, the lease ends.
-- lease_owner and lease_token stay as the record of who finished it.
-- Fenced by status and lease token: an update count of 0 means the lease was lost and nothing changed.
-- Parameters: %(id)s, %(lease_token)s
UPDATE retraining_task
SET status           = 'SUCCEEDED',
    finished_at      = now(),
    lease_expires_at = NULL,
    updated_at       = now()
WHERE id = %(id)s AND status = 'RUNNING' AND lease_token = %(lease_token)s;
