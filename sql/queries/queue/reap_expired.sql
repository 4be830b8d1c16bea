-- reaper, transition 1 (PostgreSQL and H2): RUNNING tasks whose lease expired (the worker crashed or
-- stopped heartbeating) and that have attempts left become RETRYABLE. available_at is kept: it is the time the
-- task became available before it was claimed (at or before now), so the task keeps its place in line and is
-- claimed again ahead of tasks that were enqueued after it, not behind the whole backlog. The lease
-- token stays on the row but no longer fences anything (fences require status RUNNING), so a late
-- write from the old worker changes nothing. Safe to run concurrently and from several processes:
-- each row moves once, under its row lock. The update count is the number of tasks returned.
-- Parameters: none
UPDATE retraining_task
SET status           = 'RETRYABLE',
    last_error       = 'lease expired: worker ' || COALESCE(lease_owner, 'unknown')
                       || ' stopped heartbeating during attempt ' || attempts,
    lease_expires_at = NULL,
    updated_at       = now()
WHERE status = 'RUNNING' AND lease_expires_at < now() AND attempts < max_attempts;
