package io.driftwatch.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code drift_run}: one monitor evaluated for one run date. The retraining outcome and the
 * feature counts are null until the run completes.
 */
public record DriftRun(long id, String monitor, String model, LocalDate runDate, Instant windowStart, Instant windowEnd,
                       Status status, Long baselineRows, Long currentRows,
                       RetrainingOutcome retrainingDecision, String retrainingReason,
                       Integer featuresEvaluated, Integer featuresDrifted, Double driftShare, Boolean datasetDrift,
                       String failureMessage) {

    /** Lifecycle of a run row; COMPLETED is final and written in the same transaction as its retraining task. */
    public enum Status { RUNNING, COMPLETED, FAILED }
}
