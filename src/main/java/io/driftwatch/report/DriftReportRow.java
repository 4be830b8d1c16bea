package io.driftwatch.report;

/**
 * A row of {@code drift_report}: one method's verdict on one feature in one run, with the summary
 * statistics of both windows. {@code score} is null unless {@code status} is OK.
 */
public record DriftReportRow(long runId, String feature, String featureType, String method, String convention,
                             String status, Double score, double threshold, Double pValue, boolean drifted,
                             long baselineCount, long currentCount, long baselineMissing, long currentMissing,
                             Double baselineMean, Double currentMean, Double baselineStd, Double currentStd,
                             String detailsJson) {
}
