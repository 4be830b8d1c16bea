package io.driftwatch.report;

/**
 * What the decide step writes when it completes a run: feature counts, the dataset verdict, the
 * performance seen, the retraining outcome and the JSON snapshot.
 *
 * @param driftShare share of the evaluated features that drifted; null when none could be evaluated
 */
public record RunCompletion(int featuresEvaluated, int featuresDrifted, Double driftShare, boolean datasetDrift,
                            ModelPerformance performance, RetrainingOutcome retraining, String retrainingReason,
                            String snapshotJson) {
}
