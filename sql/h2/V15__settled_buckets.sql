-- Settled buckets (driftwatch.allowed-lateness): when a stored bucket's (or cached baseline's) fingerprint was
-- last taken or confirmed by a count, on the job's clock. A bucket whose end plus the allowed lateness is at or
-- before this time was settled then, and is trusted without counting it again. NULL: never confirmed, counted.
ALTER TABLE bucket_profile ADD COLUMN checked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE baseline_profile ADD COLUMN checked_at TIMESTAMP WITH TIME ZONE;
-- The data part of a cached baseline's fingerprint (row count and latest timestamp), so that a settled baseline's
-- fingerprint is recomputed from today's definition without counting it.
ALTER TABLE baseline_profile ADD COLUMN data VARCHAR(4000);

-- Buckets of the window trusted as settled without counting, per profile slice and summed per run.
ALTER TABLE window_profile ADD COLUMN buckets_settled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE drift_run ADD COLUMN buckets_settled INTEGER;
