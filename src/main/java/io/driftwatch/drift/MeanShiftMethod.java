package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

import java.util.Map;

/**
 * Standardised mean shift, configuration name {@code "mean_shift"}, for numeric features only.
 * <p>
 * score = |mean(current) − mean(baseline)| / populationStd(baseline), over finite values. Moments are exact in both
 * profile modes, so this score never depends on sketching. Default threshold 0.2; drifted when score ≥ threshold.
 * A constant baseline (std 0) gives score 0 when the means are equal and {@link DriftStatus#UNDEFINED} with
 * drifted = true otherwise, since any move away from a constant is infinitely many standard deviations.
 * Convention: {@code mean_shift:scale=baseline-population-std}.
 * <p>
 * Details: count details plus {@code baseline_mean}, {@code current_mean}, {@code baseline_std}, {@code current_std}.
 */
public final class MeanShiftMethod extends BuiltInMethod {

    /** Configuration name. */
    public static final String NAME = "mean_shift";
    /** Default threshold; a score at or above it drifts. */
    public static final double DEFAULT_THRESHOLD = 0.2;
    /** Convention string of every result. */
    public static final String CONVENTION = NAME + ":scale=baseline-population-std";

    /** The method with its default threshold {@value #DEFAULT_THRESHOLD}. */
    public MeanShiftMethod() {
        super(NAME, NUMERIC_ONLY, ThresholdKind.SCORE_AT_LEAST, DEFAULT_THRESHOLD, CONVENTION);
    }

    @Override
    DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                         Map<String, Object> details) {
        NumericProfile b = (NumericProfile) baseline;
        NumericProfile c = (NumericProfile) current;
        double threshold = settings.threshold();
        putIfFinite(details, "baseline_mean", b.mean());
        putIfFinite(details, "current_mean", c.mean());
        putIfFinite(details, "baseline_std", b.populationStd());
        putIfFinite(details, "current_std", c.populationStd());
        double difference = Math.abs(c.mean() - b.mean());
        double scale = b.populationStd();
        if (scale == 0.0) {
            if (difference == 0.0) {
                return verdict(CONVENTION, 0.0, null, settings, details);
            }
            return DriftResult.undefined(NAME, CONVENTION, threshold, true, "baseline is constant (population std 0)"
                    + " and the means differ by " + difference + ", so the shift is infinitely many standard"
                    + " deviations", details);
        }
        double score = difference / scale;
        if (Double.isInfinite(difference) && Double.isFinite(c.mean()) && Double.isFinite(b.mean())
                && Double.isFinite(scale)) {
            // Means on either side of zero near the largest double: their difference overflows, the shift in σ need not.
            score = Math.abs(c.mean() / 2 - b.mean() / 2) / scale * 2;
        }
        if (!Double.isFinite(score)) {
            // Only reachable with values near Double.MAX_VALUE, where the moments themselves overflow.
            return DriftResult.undefined(NAME, CONVENTION, threshold, Double.isInfinite(score),
                    "mean shift is not finite (" + score + "): the moments overflowed", details);
        }
        return verdict(CONVENTION, score, null, settings, details);
    }

    private static void putIfFinite(Map<String, Object> details, String key, double value) {
        if (Double.isFinite(value)) {
            details.put(key, value);
        }
    }
}
