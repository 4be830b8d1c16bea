-- Segments: drift per value of a segment column (a monitor's segments: [{ column: country, max: 50 }]).

-- The segment a drift_report row judges, labelled column=value (country=DE, country=(other), country=(missing));
-- NULL for the whole population, so rows written before this version and monitors without segments read as before.
ALTER TABLE drift_report ADD COLUMN segment VARCHAR(300);

-- One row per run, segment, feature and method: the population's rows stay unique by (run, feature, method) and a
-- segment's by (run, feature, method, segment). Two partial indexes, because NULLs are distinct in a UNIQUE constraint.
ALTER TABLE drift_report DROP CONSTRAINT drift_report_run_feature_method_uq;
CREATE UNIQUE INDEX drift_report_run_feature_method_uq ON drift_report (run_id, feature, method) WHERE segment IS NULL;
CREATE UNIQUE INDEX drift_report_run_segment_uq ON drift_report (run_id, feature, method, segment)
    WHERE segment IS NOT NULL;

-- History of one segment (monitor, segment, feature, method over run dates), and the drifted segments of a date.
CREATE INDEX drift_report_segment_history_ix ON drift_report (monitor, segment, feature, method, run_date)
    WHERE segment IS NOT NULL;
CREATE INDEX drift_report_segment_date_ix ON drift_report (run_date, monitor) WHERE segment IS NOT NULL AND drifted;

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
    profile       BYTEA        NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, side, feature, segment, slice),
    CONSTRAINT segment_profile_side_ck CHECK (side IN ('baseline', 'current'))
);
