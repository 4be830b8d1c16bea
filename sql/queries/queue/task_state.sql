-- task state (PostgreSQL and H2): where a task stands now. Run it after a fenced write changed nothing,
-- to report who holds the task (or that it finished); never to decide to write anyway.
-- Parameters: %(id)s
SELECT id, status, attempts, max_attempts, lease_owner, lease_token, lease_expires_at, available_at,
       finished_at, last_error
FROM retraining_task
WHERE id = %(id)s;
