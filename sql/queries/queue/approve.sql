-- approve (PostgreSQL and H2, operators): a task held at the approval gate becomes claimable at once.
-- Fenced by status: an update count of 0 means the task is not AWAITING_APPROVAL (read task_state.sql to say why).
-- Parameters: %(id)s
UPDATE retraining_task
SET status       = 'PENDING',
    available_at = now(),
    updated_at   = now()
WHERE id = %(id)s AND status = 'AWAITING_APPROVAL';
