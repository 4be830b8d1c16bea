-- Profiles of the current side per monitor, feature and time bucket (driftwatch.bucket), kept for
-- driftwatch.bucket-retention: a night profiles only the buckets that are missing or whose data changed and
-- merges the rest from here. A bucket may be stored in pieces (a window with fewer buckets than profile
-- slices); a piece is one row per feature. fingerprint = SHA-256 of the feature's definition (table,
-- timestamp column, version column, feature column and type, profile format) and of the piece's data
-- (row count and max timestamp, plus max of the version column when one is configured).
CREATE TABLE bucket_profile (
    monitor       VARCHAR(200) NOT NULL,
    feature       VARCHAR(200) NOT NULL,
    bucket_start  TIMESTAMPTZ  NOT NULL,
    bucket_end    TIMESTAMPTZ  NOT NULL,
    fingerprint   VARCHAR(64)  NOT NULL,
    data          VARCHAR(400) NOT NULL,
    feature_type  VARCHAR(20)  NOT NULL,
    rows_read     BIGINT       NOT NULL,
    profile       BYTEA        NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (monitor, feature, bucket_start),
    CONSTRAINT bucket_profile_range_ck CHECK (bucket_start < bucket_end)
);

-- What a run read from the feature tables: rows fetched by its profile scans (the baseline when it was not
-- cached, and the current side's buckets that were profiled), and the buckets reused and profiled.
ALTER TABLE drift_run ADD COLUMN rows_scanned BIGINT;
ALTER TABLE drift_run ADD COLUMN buckets_reused INTEGER;
ALTER TABLE drift_run ADD COLUMN buckets_profiled INTEGER;
-- The same per profile slice, summed into drift_run by the decide step.
ALTER TABLE window_profile ADD COLUMN rows_scanned BIGINT NOT NULL DEFAULT 0;
ALTER TABLE window_profile ADD COLUMN buckets_reused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE window_profile ADD COLUMN buckets_profiled INTEGER NOT NULL DEFAULT 0;
