package io.driftwatch.report;

/**
 * A row of {@code drift_report}: one method's verdict on one feature in one run, with the summary
 * statistics of both windows. {@code score} is null unless {@code status} is OK. For p-value methods
 * ({@code thresholdKind} "p_value_below") {@code pValueAdjusted} is the p-value after the monitor's
 * multiple-testing correction, set when the run completes, and {@code drifted} is judged on it.
 */
public record DriftReportRow(long runId, String feature, String featureType, String method, String convention,
                             String status, Double score, String thresholdKind, double threshold, Double warnThreshold,
                             Double pValue, Double pValueAdjusted, boolean drifted, String severity, String selectedBecause,
                             long baselineCount, long currentCount, long baselineMissing, long currentMissing,
                             Double baselineMean, Double currentMean, Double baselineStd, Double currentStd,
                             String detailsJson) {

    /** The same row with the verdict after multiple-testing correction. */
    public DriftReportRow withAdjusted(Double adjusted, boolean nowDrifted, String nowSeverity) {
        return new DriftReportRow(runId, feature, featureType, method, convention, status, score, thresholdKind, threshold,
                warnThreshold, pValue, adjusted, nowDrifted, nowSeverity, selectedBecause, baselineCount, currentCount,
                baselineMissing, currentMissing, baselineMean, currentMean, baselineStd, currentStd, detailsJson);
    }

    public boolean isPValueTest() {
        return "p_value_below".equals(thresholdKind);
    }
}
