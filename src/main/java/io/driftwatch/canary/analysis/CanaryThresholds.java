package io.driftwatch.canary.analysis;

/**
 * The rules of a canary or shadow analysis. {@link #DEFAULTS} are the reference rules of the product.
 *
 * @param minAccuracy               the lowest acceptable candidate accuracy (correct / labeled), in [0, 1]; 0.8
 * @param maxLatencyIncreaseSeconds the largest acceptable increase of typical latency (Hodges–Lehmann shift for a
 *                                  canary, median paired difference for shadow), seconds; 0.05
 * @param maxErrorRateRatio         the largest acceptable candidate error rate as a multiple of the baseline's; 1.2
 * @param minSamples                the fewest observations per version (requests, labeled rows, latencies, scores,
 *                                  shadow pairs) below which a metric is NO_DATA; 50
 * @param alpha                     the significance level of every test, in (0, 1); confidence intervals are two-sided
 *                                  at 1 − alpha; 0.05
 * @param maxP99IncreaseSeconds     the largest acceptable increase of the 99th latency percentile, seconds; 0.1
 * @param maxScorePsi               the population stability index between score distributions at or above which the
 *                                  score distribution fails; 0.2
 * @param minAgreement              shadow: the smallest acceptable share of agreeing pairs, in [0, 1]; 0.95
 * @param agreementTolerance        shadow: the largest |candidate score − production score| that counts as agreeing;
 *                                  0.05
 */
public record CanaryThresholds(double minAccuracy, double maxLatencyIncreaseSeconds, double maxErrorRateRatio,
                               int minSamples, double alpha, double maxP99IncreaseSeconds, double maxScorePsi,
                               double minAgreement, double agreementTolerance) {

    /** The reference rules: accuracy ≥ 0.8, latency +0.05 s, error rate ≤ 1.2 × baseline, 50 samples, alpha 0.05. */
    public static final CanaryThresholds DEFAULTS = new CanaryThresholds(0.8, 0.05, 1.2, 50, 0.05, 0.1, 0.2, 0.95, 0.05);

    public CanaryThresholds {
        unit(minAccuracy, "minAccuracy");
        nonNegative(maxLatencyIncreaseSeconds, "maxLatencyIncreaseSeconds");
        if (!(maxErrorRateRatio >= 1.0) || Double.isInfinite(maxErrorRateRatio)) {
            throw new IllegalArgumentException("maxErrorRateRatio must be finite and >= 1 but was " + maxErrorRateRatio);
        }
        if (minSamples < 2) {
            throw new IllegalArgumentException("minSamples must be at least 2 but was " + minSamples);
        }
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be within (0, 1) but was " + alpha);
        }
        nonNegative(maxP99IncreaseSeconds, "maxP99IncreaseSeconds");
        if (!(maxScorePsi > 0) || Double.isInfinite(maxScorePsi)) {
            throw new IllegalArgumentException("maxScorePsi must be finite and positive but was " + maxScorePsi);
        }
        unit(minAgreement, "minAgreement");
        nonNegative(agreementTolerance, "agreementTolerance");
    }

    private static void unit(double value, String name) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within [0, 1] but was " + value);
        }
    }

    private static void nonNegative(double value, String name) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and non-negative but was " + value);
        }
    }
}
