-- Take the next PENDING retraining task (PostgreSQL). Concurrent pollers skip rows another
-- transaction holds (FOR UPDATE SKIP LOCKED), so no task is handed out twice.
UPDATE retraining_task
SET status = 'RUNNING', attempts = attempts + 1, updated_at = now()
WHERE id = (SELECT id FROM retraining_task
            WHERE status = 'PENDING' AND available_at <= now()
            ORDER BY priority DESC, available_at, id
            FOR UPDATE SKIP LOCKED
            LIMIT 1)
RETURNING id, model, monitor, run_date, reason, evidence
