-- The consumer side of the retraining queue (H2, PostgreSQL mode). The protocol is in docs/queue-protocol.md;
-- the statements pollers run are in sql/queries/queue/.

-- At most one *open* task per dedupe key. H2 has no partial indexes, so the PostgreSQL partial unique
-- index is emulated by a generated column that holds the dedupe key while the task is open and NULL once
-- it is finished, under a unique index (NULLs are distinct, so finished tasks never collide).
-- INVISIBLE keeps it out of SELECT *. retraining_task_monitor_date_uq stays: the nightly job relies on it.
ALTER TABLE retraining_task ADD COLUMN open_dedupe_key VARCHAR(400) INVISIBLE GENERATED ALWAYS AS
    (CASE WHEN status IN ('PENDING', 'RUNNING', 'RETRYABLE', 'AWAITING_APPROVAL') THEN dedupe_key END);
CREATE UNIQUE INDEX retraining_task_open_dedupe_uq ON retraining_task (open_dedupe_key);

-- The claim (no partial index on H2: status leads) and the reaper (RUNNING by lease expiry).
CREATE INDEX retraining_task_claim_ix ON retraining_task (status, available_at);
CREATE INDEX retraining_task_lease_ix ON retraining_task (status, lease_expires_at);

-- Retention and operator listings of finished tasks.
CREATE INDEX retraining_task_finished_ix ON retraining_task (status, finished_at);
