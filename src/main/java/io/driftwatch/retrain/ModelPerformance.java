package io.driftwatch.retrain;

import java.time.LocalDate;

/**
 * The model's quality over a run's window as the user's evaluation jobs recorded it in
 * {@code model_performance}. A metric without a row (or with a NULL) is <em>missing</em>, never healthy.
 */
public record ModelPerformance(LocalDate metricDate, Double accuracy, Double latencySeconds) {

    public static final ModelPerformance MISSING = new ModelPerformance(null, null, null);

    public boolean isMissing() {
        return accuracy == null && latencySeconds == null;
    }

    /** OK when both metrics are present, PARTIAL when one is, MISSING when neither is. */
    public String status() {
        if (isMissing()) {
            return "MISSING";
        }
        return accuracy != null && latencySeconds != null ? "OK" : "PARTIAL";
    }
}
