package io.driftwatch.canary.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a canary or shadow analysis. {@link #DEFAULTS} are the reference rules of the product.
 *
 * @param minAccuracy               the lowest acceptable candidate accuracy (correct / labeled), in [0, 1]; 0.8
 * @param maxAccuracyDrop           the non-inferiority margin of accuracy: the largest drop below the baseline's
 *                                  accuracy that is acceptable however significant, in [0, 1]; 0.01 (one point).
 *                                  With tens of thousands of requests a drop of a few tenths of a point is
 *                                  significant but of no practical consequence
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
 * @throws InvalidThresholdsException listing every threshold outside its range
 */
public record CanaryThresholds(double minAccuracy, double maxAccuracyDrop, double maxLatencyIncreaseSeconds,
                               double maxErrorRateRatio, int minSamples, double alpha, double maxP99IncreaseSeconds,
                               double maxScorePsi, double minAgreement, double agreementTolerance) {

    /**
     * The reference rules: accuracy ≥ 0.8 and at most 0.01 below the baseline, latency +0.05 s, error rate ≤ 1.2 ×
     * baseline, 50 samples, alpha 0.05.
     */
    public static final CanaryThresholds DEFAULTS = new CanaryThresholds(0.8, 0.01, 0.05, 1.2, 50, 0.05, 0.1, 0.2, 0.95,
            0.05);

    public CanaryThresholds {
        List<InvalidThresholdsException.Violation> violations = new ArrayList<>();
        unit(violations, "minAccuracy", minAccuracy);
        unit(violations, "maxAccuracyDrop", maxAccuracyDrop);
        nonNegative(violations, "maxLatencyIncreaseSeconds", maxLatencyIncreaseSeconds);
        if (!(maxErrorRateRatio >= 1.0) || Double.isInfinite(maxErrorRateRatio)) {
            violations.add(violation("maxErrorRateRatio", maxErrorRateRatio, "finite and >= 1"));
        }
        if (minSamples < 2) {
            violations.add(new InvalidThresholdsException.Violation("minSamples", String.valueOf(minSamples),
                    "at least 2"));
        }
        if (!(alpha > 0.0 && alpha < 1.0)) {
            violations.add(violation("alpha", alpha, "within (0, 1)"));
        }
        nonNegative(violations, "maxP99IncreaseSeconds", maxP99IncreaseSeconds);
        if (!(maxScorePsi > 0) || Double.isInfinite(maxScorePsi)) {
            violations.add(violation("maxScorePsi", maxScorePsi, "finite and positive"));
        }
        unit(violations, "minAgreement", minAgreement);
        nonNegative(violations, "agreementTolerance", agreementTolerance);
        if (!violations.isEmpty()) {
            throw new InvalidThresholdsException(violations);
        }
    }

    private static void unit(List<InvalidThresholdsException.Violation> violations, String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            violations.add(violation(name, value, "within [0, 1]"));
        }
    }

    private static void nonNegative(List<InvalidThresholdsException.Violation> violations, String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            violations.add(violation(name, value, "finite and non-negative"));
        }
    }

    private static InvalidThresholdsException.Violation violation(String name, double value, String rule) {
        return new InvalidThresholdsException.Violation(name, String.valueOf(value), rule);
    }
}
