-- Baseline profiles reused night after night while the baseline is unchanged.
-- fingerprint = SHA-256 of the baseline definition (table, range, features and types, profile format)
-- and of its data (row count and max timestamp, or the user-given baseline.version).
CREATE TABLE baseline_profile (
    monitor       VARCHAR(200) NOT NULL,
    fingerprint   VARCHAR(64)  NOT NULL,
    feature       VARCHAR(200) NOT NULL,
    feature_type  VARCHAR(20)  NOT NULL,
    rows_read     BIGINT       NOT NULL,
    profile       BYTEA        NOT NULL,
    definition    VARCHAR(4000) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (monitor, fingerprint, feature)
);
CREATE INDEX baseline_profile_created_ix ON baseline_profile (monitor, created_at);

-- Where each run's baseline came from: 'scan' (read from the table) or 'cache' (baseline_profile).
ALTER TABLE drift_run ADD COLUMN baseline_source VARCHAR(10);
ALTER TABLE drift_run ADD COLUMN baseline_fingerprint VARCHAR(64);
