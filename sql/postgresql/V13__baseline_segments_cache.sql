-- A segmented monitor's baseline, cached like baseline_profile: read once and reused while its fingerprint (the same
-- SHA-256 as baseline_profile's) is unchanged. Keyed by the fingerprint and by each segmentation (column and max).

-- What the segment planner needs of the baseline: its top values (at most max, by baseline count), whether it holds
-- more (pooled in (other)), and every value it holds (NULL when it holds more than the planner keeps), so that a
-- night finds the segments new in its current window from that window alone. Values are URL-encoded, comma-separated.
CREATE TABLE baseline_segment_plan (
    monitor       VARCHAR(200) NOT NULL,
    fingerprint   VARCHAR(64)  NOT NULL,
    segmentation  VARCHAR(300) NOT NULL,
    top_values    TEXT NOT NULL,
    pooled        BOOLEAN      NOT NULL,
    known_values  TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (monitor, fingerprint, segmentation)
);

-- The baseline's profile of each segment of the top values, (missing) and (other), per feature.
CREATE TABLE baseline_segment_profile (
    monitor       VARCHAR(200) NOT NULL,
    fingerprint   VARCHAR(64)  NOT NULL,
    segmentation  VARCHAR(300) NOT NULL,
    segment       VARCHAR(300) NOT NULL,
    feature       VARCHAR(200) NOT NULL,
    feature_type  VARCHAR(20)  NOT NULL,
    rows_read     BIGINT       NOT NULL,
    profile       BYTEA NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (monitor, fingerprint, segmentation, segment, feature)
);
