package io.driftwatch.report;

import java.time.LocalDate;

/**
 * The model's quality over a run's window as the user's evaluation jobs recorded it in
 * {@code model_performance}. A metric without a row (or with a NULL) is <em>missing</em>, never healthy.
 */
public record ModelPerformance(LocalDate metricDate, Double accuracy, Double latencySeconds) {

    public static final ModelPerformance MISSING = new ModelPerformance(null, null, null);

    /** How much of the performance is known; {@code drift_run.performance_status}. */
    public enum Status {
        /** Accuracy and latency are both known. */
        OK,
        /** One of them is known. */
        PARTIAL,
        /** Neither is known. */
        MISSING
    }

    public boolean isMissing() {
        return accuracy == null && latencySeconds == null;
    }

    public Status status() {
        if (isMissing()) {
            return Status.MISSING;
        }
        return accuracy != null && latencySeconds != null ? Status.OK : Status.PARTIAL;
    }
}
