-- hold for approval (PostgreSQL and H2): puts a task just enqueued behind the approval gate, in the
-- enqueue's own transaction, so no worker can claim it before an operator approves it.
-- Parameters: %(id)s
UPDATE retraining_task
SET status     = 'AWAITING_APPROVAL',
    updated_at = now()
WHERE id = %(id)s AND status = 'PENDING' AND attempts = 0;
