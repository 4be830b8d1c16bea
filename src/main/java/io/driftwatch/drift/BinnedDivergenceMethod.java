package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

import java.util.Map;

/**
 * Shared flow of the histogram divergences (PSI, KL): bin both profiles with {@link Histogram}, turn counts into
 * shares, smooth each share vector, then score.
 * <p>
 * Details: count details, {@code exact}, {@code approximation} (only when a profile is in sketch mode),
 * {@code edges} (numeric) and {@code bins}.
 */
abstract sealed class BinnedDivergenceMethod implements DriftMethod permits PsiMethod, KlDivergenceMethod {

    /** Default threshold for both divergences; a score at or above it drifts. */
    static final double DEFAULT_THRESHOLD = 0.1;

    /** The measured sketch-mode error bound, as documented on {@link NumericProfile}. */
    static final String SKETCH_ERROR_NOTE = "measured error against exact counts: |score - exact score|"
            + " <= 0.001 + 0.03 * exact score";

    private final Smoothing smoothing = Smoothing.EVIDENTLY;

    @Override
    public boolean supports(FeatureType type) {
        return type == FeatureType.NUMERIC || type == FeatureType.CATEGORICAL;
    }

    @Override
    public double defaultThreshold() {
        return DEFAULT_THRESHOLD;
    }

    @Override
    public DriftResult compute(FeatureProfile baseline, FeatureProfile current, double threshold) {
        MethodSupport.checkArguments(this, baseline, current, threshold);
        String binning = baseline.type() == FeatureType.NUMERIC
                ? Histogram.NUMERIC_BINNING : Histogram.CATEGORICAL_BINNING;
        String convention = convention(binning, smoothing);
        Map<String, Object> details = MethodSupport.countDetails(baseline, current);
        String reason = MethodSupport.insufficientDataReason(baseline, current);
        if (reason != null) {
            return DriftResult.insufficientData(name(), convention, threshold, reason, details);
        }
        Histogram histogram = Histogram.of(baseline, current);
        double score = score(smoothing.apply(histogram.baselineShares()), smoothing.apply(histogram.currentShares()));
        details.put("exact", histogram.exact());
        if (!histogram.exact()) {
            details.put("approximation", approximation(baseline, current));
        }
        if (baseline.type() == FeatureType.NUMERIC) {
            details.put("edges", histogram.edges());
        }
        details.put("bins", histogram.binDetails());
        if (!Double.isFinite(score)) {
            return DriftResult.undefined(name(), convention, threshold, false,
                    name() + " score is not finite (" + score + ")", details);
        }
        return DriftResult.ok(name(), convention, score, threshold, score >= threshold, details);
    }

    /** The convention string for this method with the given binning. */
    abstract String convention(String binning, Smoothing smoothing);

    /** The score from smoothed baseline shares {@code b} and current shares {@code c}, aligned by bin. */
    abstract double score(double[] b, double[] c);

    private static String approximation(FeatureProfile baseline, FeatureProfile current) {
        boolean baselineSketch = baseline instanceof NumericProfile b && !b.isExact();
        boolean currentSketch = current instanceof NumericProfile c && !c.isExact();
        String what = baselineSketch && currentSketch ? "the edges and all bin counts"
                : baselineSketch ? "the edges and the baseline bin counts" : "the current bin counts";
        return what + " come from a t-digest (compression " + (int) NumericProfile.SKETCH_COMPRESSION
                + ") estimate because a profile exceeded its exact distinct-value cap; " + SKETCH_ERROR_NOTE;
    }
}
