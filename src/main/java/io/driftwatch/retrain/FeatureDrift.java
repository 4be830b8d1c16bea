package io.driftwatch.retrain;

import io.driftwatch.drift.ThresholdKind;

/**
 * One drifted method of one feature, as evidence for a retraining decision.
 *
 * @param score          the method's score (for a test, its statistic); null when undefined
 * @param pValue         for a p-value test, its own p-value; else null
 * @param adjustedPValue for a p-value test, the p-value after multiple-testing correction it was judged on
 * @param threshold      the score threshold, or the significance level of a test
 * @param explanation    what changed in the feature, in its units; null when unknown
 */
public record FeatureDrift(String feature, String method, ThresholdKind kind, Double score, Double pValue,
                           Double adjustedPValue, double threshold, String explanation) {

    /** A score method's drift. */
    public FeatureDrift(String feature, String method, Double score, double threshold) {
        this(feature, method, ThresholdKind.SCORE_AT_LEAST, score, null, null, threshold, null);
    }

    /**
     * For people, by the number the verdict compares: {@code income psi=0.3359 >= 0.1} for a score,
     * {@code age ks p_adjusted=0.003 < 0.05 (p=0.001, statistic=0.061)} for a test.
     */
    public String describe() {
        return feature + " " + kind.describe(method, score, pValue, adjustedPValue, threshold);
    }
}
