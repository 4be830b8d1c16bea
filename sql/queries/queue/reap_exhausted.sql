-- reaper, transition 2 (PostgreSQL and H2): RUNNING tasks whose lease expired during their last allowed
-- attempt become FAILED (the dead letter), with finished_at. The update count is the number of tasks
-- failed.
-- Parameters: none
UPDATE retraining_task
SET status           = 'FAILED',
    finished_at      = now(),
    last_error       = 'lease expired: worker ' || COALESCE(lease_owner, 'unknown')
                       || ' stopped heartbeating during attempt ' || attempts || ' of ' || max_attempts,
    lease_expires_at = NULL,
    updated_at       = now()
WHERE status = 'RUNNING' AND lease_expires_at < now() AND attempts >= max_attempts;
