-- cancel (PostgreSQL and H2, operators): ends an open task (PENDING, RETRYABLE, AWAITING_APPROVAL or
-- RUNNING). A RUNNING task's lease ends here: its worker's next heartbeat or completion is refused.
-- Fenced by status: an update count of 0 means the task is already final (read task_state.sql to say which).
-- Parameters: %(id)s
UPDATE retraining_task
SET status           = 'CANCELLED',
    finished_at      = now(),
    lease_owner      = NULL,
    lease_token      = NULL,
    lease_expires_at = NULL,
    updated_at       = now()
WHERE id = %(id)s AND status IN ('PENDING', 'RETRYABLE', 'AWAITING_APPROVAL', 'RUNNING');
