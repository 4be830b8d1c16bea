package io.driftwatch.retrain;

/** One drifted method of one feature, as evidence for a retraining decision. */
public record FeatureDrift(String feature, String method, Double score, double threshold) {
}
