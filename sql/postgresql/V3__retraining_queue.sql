-- The consumer side of the retraining queue (PostgreSQL). The protocol is in docs/queue-protocol.md;
-- the statements pollers run are in sql/queries/queue/.

-- At most one *open* task per dedupe key. A finished task (SUCCEEDED, FAILED, CANCELLED) no longer
-- blocks its key, so the same key can be enqueued again once the previous task is done.
-- retraining_task_monitor_date_uq (one task per monitor and run date) stays: the nightly job relies on it.
CREATE UNIQUE INDEX retraining_task_open_dedupe_uq ON retraining_task (dedupe_key)
    WHERE status IN ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL');

-- The claim uses retraining_task_poll_ix (V2): (priority DESC, available_at, id) WHERE status IN ('PENDING', 'RETRYABLE').

-- The reaper: RUNNING tasks by lease expiry (small, since only running tasks are in it).
CREATE INDEX retraining_task_lease_ix ON retraining_task (lease_expires_at) WHERE status = 'RUNNING';

-- Retention and operator listings of finished tasks.
CREATE INDEX retraining_task_finished_ix ON retraining_task (status, finished_at) WHERE finished_at IS NOT NULL;

-- Every claim, heartbeat and completion rewrites a row, so dead tuples accumulate quickly on a busy
-- queue and slow the claim down; vacuum this table after 2 % of its rows changed instead of 20 %.
ALTER TABLE retraining_task SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
