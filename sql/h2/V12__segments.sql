-- Segments: drift per value of a segment column (a monitor's segments: [{ column: country, max: 50 }]).

-- The segment a drift_report row judges, labelled column=value (country=DE, country=(other), country=(missing));
-- NULL for the whole population, so rows written before this version and monitors without segments read as before.
ALTER TABLE drift_report ADD COLUMN segment VARCHAR(300);

-- One row per run, segment, feature and method; NULLS NOT DISTINCT keeps the population's rows (segment NULL) unique
-- by (run, feature, method) as before (H2 has no partial indexes).
ALTER TABLE drift_report DROP CONSTRAINT drift_report_run_feature_method_uq;
ALTER TABLE drift_report ADD CONSTRAINT drift_report_run_feature_method_uq
    UNIQUE NULLS NOT DISTINCT (run_id, feature, method, segment);

-- History of one segment (monitor, segment, feature, method over run dates), and the drifted segments of a date.
CREATE INDEX drift_report_segment_history_ix ON drift_report (monitor, segment, feature, method, run_date);
CREATE INDEX drift_report_segment_date_ix ON drift_report (run_date, monitor, segment);

-- Segment profiles of one run's windows, one row per segment, feature and time slice, written by the profile step
-- beside window_profile and merged by the drift step.
CREATE TABLE segment_profile (
    run_id        BIGINT       NOT NULL REFERENCES drift_run (id),
    side          VARCHAR(10)  NOT NULL,
    segment       VARCHAR(300) NOT NULL,
    feature       VARCHAR(200) NOT NULL,
    slice         INTEGER      NOT NULL,
    feature_type  VARCHAR(20)  NOT NULL,
    rows_read     BIGINT       NOT NULL,
    profile       VARBINARY(67108864) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, side, feature, segment, slice),
    CONSTRAINT segment_profile_side_ck CHECK (side IN ('baseline', 'current'))
);
