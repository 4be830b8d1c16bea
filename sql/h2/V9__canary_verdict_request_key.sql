-- canaryJob records each distinct request once: request_key (SHA-256 of model, versions, mode, input,
-- window, thresholds and log source) is unique, so a repeated request replays its verdict instead of
-- adding a row. Rows from before this migration have no key and are never replayed.
-- input says where the evidence came from; the skipped-row counts are the rows (canary_metrics periods
-- for input=metrics) left out because they held a negative or non-finite latency or a non-finite score.
ALTER TABLE canary_verdict ADD COLUMN request_key VARCHAR(64);
ALTER TABLE canary_verdict ADD COLUMN input VARCHAR(10);
ALTER TABLE canary_verdict ADD COLUMN baseline_skipped_rows BIGINT NOT NULL DEFAULT 0;
ALTER TABLE canary_verdict ADD COLUMN candidate_skipped_rows BIGINT NOT NULL DEFAULT 0;
ALTER TABLE canary_verdict ADD CONSTRAINT canary_verdict_request_key_uk UNIQUE (request_key);
ALTER TABLE canary_verdict ADD CONSTRAINT canary_verdict_input_ck CHECK (input IN ('logs', 'metrics'));
