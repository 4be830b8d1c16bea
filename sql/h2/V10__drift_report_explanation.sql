-- What changed in a drifted feature, in its own units (io.driftwatch.drift.Explanations); NULL on rows
-- that did not drift and on rows written before this version.
ALTER TABLE drift_report ADD COLUMN explanation VARCHAR(500);
