package io.driftwatch.report;

/**
 * What the decide step writes when it completes a run: feature counts, the dataset verdict, the
 * performance seen, the retraining decision and the JSON snapshot.
 */
public record RunCompletion(int featuresEvaluated, int featuresDrifted, Double driftShare, boolean datasetDrift,
                            String performanceStatus, Double accuracy, Double latencySeconds,
                            String retrainingDecision, String retrainingReason, String snapshotJson) {
}
