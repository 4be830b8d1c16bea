-- enqueue (H2): as enqueue.postgresql.sql; H2 has no RETURNING, so the new id is read through
-- JDBC generated keys. The update count is 1 when inserted, 0 for a duplicate.
-- Parameters: %(model)s, %(monitor)s, %(run_id)s (nullable), %(run_date)s (date), %(reason)s,
--             %(evidence)s (JSON text), %(priority)s (higher is claimed first), %(dedupe_key)s,
--             %(max_attempts)s (>= 1)
INSERT INTO retraining_task (model, monitor, run_id, run_date, reason, evidence, priority, status, dedupe_key,
                             attempts, max_attempts, available_at, created_at, updated_at)
VALUES (%(model)s, %(monitor)s, %(run_id)s, %(run_date)s, %(reason)s, %(evidence)s, %(priority)s,
        'PENDING', %(dedupe_key)s, 0, %(max_attempts)s, now(), now(), now())
ON CONFLICT DO NOTHING;
