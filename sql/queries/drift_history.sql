-- Queries over driftwatch's report tables (PostgreSQL). Timestamps are UTC.

-- 1. The score history of one feature and method, newest first.
SELECT run_date, score, threshold, drifted, status, baseline_count, current_count
FROM drift_report
WHERE monitor = 'loans' AND feature = 'income' AND method = 'psi' AND segment IS NULL
ORDER BY run_date DESC
LIMIT 90;

-- 2. Nights with dataset drift or a retraining request, per model.
SELECT model, monitor, run_date, features_drifted, features_evaluated, drift_share, dataset_drift,
       retraining_decision, retraining_reason
FROM drift_run
WHERE status = 'COMPLETED' AND (dataset_drift OR retraining_decision IN ('ENQUEUED', 'ALREADY_ENQUEUED'))
ORDER BY run_date DESC, model;

-- 3. Features that drifted most often in the last 30 days.
SELECT monitor, feature, count(DISTINCT run_date) AS nights_drifted
FROM drift_report
WHERE drifted AND run_date >= current_date - 30 AND segment IS NULL
GROUP BY monitor, feature
ORDER BY nights_drifted DESC;

-- 4. Runs that did not complete (a rerun of the same runDate resumes them).
SELECT monitor, run_date, status, failure_message, updated_at
FROM drift_run
WHERE status <> 'COMPLETED'
ORDER BY run_date DESC;

-- 5. The bins behind a PSI score (details is jsonb).
SELECT b ->> 'label' AS bin, (b ->> 'baseline_share')::float AS baseline_share,
       (b ->> 'current_share')::float AS current_share
FROM drift_report, jsonb_array_elements(details -> 'bins') AS b
WHERE monitor = 'loans' AND feature = 'income' AND method = 'psi' AND run_date = DATE '2026-03-02'
  AND segment IS NULL;

-- 6. Segments that drifted in the last 30 days (monitors with segments; segment is NULL for the whole population).
SELECT monitor, segment, feature, count(DISTINCT run_date) AS nights_drifted
FROM drift_report
WHERE drifted AND segment IS NOT NULL AND run_date >= current_date - 30
GROUP BY monitor, segment, feature
ORDER BY nights_drifted DESC;

-- 7. Open retraining tasks, oldest first.
SELECT id, model, monitor, run_date, status, reason, evidence -> 'drifted_features' AS drifted_features, created_at
FROM retraining_task
WHERE status IN ('PENDING', 'RETRYABLE', 'RUNNING', 'AWAITING_APPROVAL')
ORDER BY priority DESC, available_at, id;
