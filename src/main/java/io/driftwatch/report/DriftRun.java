package io.driftwatch.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code drift_run}: one monitor evaluated for one run date. The retraining outcome and the
 * feature counts are null until the run completes. {@code rowsScanned} is what the run fetched from the feature
 * tables (the baseline when it was not cached, the current side's buckets that were profiled), and the buckets of
 * the current window reused from storage and profiled, and of the reused those trusted as settled without counting
 * them ({@code driftwatch.allowed-lateness}); null until the profile step is done.
 */
public record DriftRun(long id, String monitor, String model, LocalDate runDate, Instant windowStart, Instant windowEnd,
                       Status status, Long baselineRows, Long currentRows,
                       RetrainingOutcome retrainingDecision, String retrainingReason,
                       Integer featuresEvaluated, Integer featuresDrifted, Double driftShare, Boolean datasetDrift,
                       String failureMessage, Long rowsScanned, Integer bucketsReused, Integer bucketsProfiled,
                       Integer bucketsSettled) {

    /** A run without the count of settled buckets. */
    public DriftRun(long id, String monitor, String model, LocalDate runDate, Instant windowStart, Instant windowEnd,
                    Status status, Long baselineRows, Long currentRows, RetrainingOutcome retrainingDecision,
                    String retrainingReason, Integer featuresEvaluated, Integer featuresDrifted, Double driftShare,
                    Boolean datasetDrift, String failureMessage, Long rowsScanned, Integer bucketsReused,
                    Integer bucketsProfiled) {
        this(id, monitor, model, runDate, windowStart, windowEnd, status, baselineRows, currentRows, retrainingDecision,
                retrainingReason, featuresEvaluated, featuresDrifted, driftShare, datasetDrift, failureMessage,
                rowsScanned, bucketsReused, bucketsProfiled, null);
    }

    /** A run whose reads are not known. */
    public DriftRun(long id, String monitor, String model, LocalDate runDate, Instant windowStart, Instant windowEnd,
                    Status status, Long baselineRows, Long currentRows, RetrainingOutcome retrainingDecision,
                    String retrainingReason, Integer featuresEvaluated, Integer featuresDrifted, Double driftShare,
                    Boolean datasetDrift, String failureMessage) {
        this(id, monitor, model, runDate, windowStart, windowEnd, status, baselineRows, currentRows, retrainingDecision,
                retrainingReason, featuresEvaluated, featuresDrifted, driftShare, datasetDrift, failureMessage, null, null,
                null, null);
    }

    /** Lifecycle of a run row; COMPLETED is final and written in the same transaction as its retraining task. */
    public enum Status { RUNNING, COMPLETED, FAILED }
}
