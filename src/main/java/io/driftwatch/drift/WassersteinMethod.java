package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

import java.util.Map;

/**
 * Wasserstein-1 (earth mover's) distance for numeric features, raw ({@code "wasserstein"}) or normalised
 * ({@code "wasserstein_norm"}).
 * <ul>
 *   <li>{@code wasserstein}: W1 = ∫ |F_baseline(x) − F_current(x)| dx over the empirical CDFs of the finite values,
 *       exactly {@code scipy.stats.wasserstein_distance(baseline, current)} for exact profiles. In the feature's
 *       units, so the default threshold 0.1 is only a placeholder: set one in the feature's units. NannyML reports
 *       the same raw number.</li>
 *   <li>{@code wasserstein_norm}: W1 / max(population std of the baseline, 0.001), Evidently's "normed Wasserstein"
 *       ({@code wasserstein}) and Azure's "normalized Wasserstein" (which divides by the sample std). Unit-free: 0.1
 *       means the mass moved on average a tenth of a baseline standard deviation. Default threshold 0.1. Not
 *       symmetric, because only the baseline's spread normalises.</li>
 * </ul>
 * Range [0, ∞); drifted when the score is at or above the threshold. Conventions:
 * {@code wasserstein:order=1,units=raw} and {@code wasserstein_norm:order=1,scale=max(baseline-population-std,0.001)}.
 * Details: count details, {@code exact}, {@code approximation} (sketch mode), {@code baseline_std} and, for the
 * normalised form, {@code scale}.
 * <p>
 * Exact when both profiles are exact; in sketch mode W1 is computed in its quantile form from bucket-sketch quantiles
 * (see {@link EmpiricalCdfs#wassersteinFromQuantiles}), within the measured bound of
 * {@link SketchErrorBounds#wasserstein} ({@link SketchErrorBounds#distance} normed).
 */
final class WassersteinMethod extends BuiltInMethod {

    static final String RAW = "wasserstein";
    static final String NORMALISED = "wasserstein_norm";
    /** Evidently's floor on the normalising standard deviation. */
    static final double MIN_SCALE = 0.001;

    private final boolean normalised;

    private WassersteinMethod(boolean normalised) {
        super(normalised ? NORMALISED : RAW, NUMERIC_ONLY, ThresholdKind.SCORE_AT_LEAST, 0.1,
                normalised ? NORMALISED + ":order=1,scale=max(baseline-population-std," + MIN_SCALE + ")"
                        : RAW + ":order=1,units=raw");
        this.normalised = normalised;
    }

    static WassersteinMethod raw() {
        return new WassersteinMethod(false);
    }

    static WassersteinMethod normalised() {
        return new WassersteinMethod(true);
    }

    @Override
    DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                         Map<String, Object> details) {
        NumericProfile b = (NumericProfile) baseline;
        NumericProfile c = (NumericProfile) current;
        String convention = convention(FeatureType.NUMERIC, settings);
        boolean exact = b.isExact() && c.isExact();
        double distance = exact ? EmpiricalCdfs.of(b, c).wasserstein() : EmpiricalCdfs.wassersteinFromQuantiles(b, c);
        double std = b.populationStd();
        details.put("exact", exact);
        if (!exact) {
            details.put("approximation", MethodSupport.approximation(b, c, SketchErrorBounds.note(name())));
        }
        if (Double.isFinite(std)) {
            details.put("baseline_std", std);
        }
        double score = distance;
        if (normalised) {
            if (!Double.isFinite(std)) {
                return DriftResult.undefined(name(), convention, settings.threshold(), false, "the baseline's"
                        + " variance overflows a double and a sketch-mode profile cannot recompute it from its values",
                        details);
            }
            double scale = Math.max(std, MIN_SCALE);
            details.put("scale", scale);
            score = distance / scale;
            if (Double.isInfinite(distance) && exact) {
                // The distance exceeds the largest double; the distance in baseline σ need not.
                score = EmpiricalCdfs.of(b, c).wasserstein(scale);
            }
        }
        if (!Double.isFinite(score)) {
            return DriftResult.undefined(name(), convention, settings.threshold(), score == Double.POSITIVE_INFINITY,
                    "the distance overflows a double (" + score + ")", details);
        }
        return verdict(convention, score, null, settings, details);
    }
}
