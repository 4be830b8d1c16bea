package io.driftwatch.drift;

import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;

import java.util.List;
import java.util.Map;

/**
 * Shared flow of the histogram methods (psi, kl, js, js_divergence, hellinger): bin both profiles with
 * {@link Histogram} under the settings' {@link Binning}, turn counts into shares under the settings'
 * {@link Smoothing}, then score the two share vectors.
 * <p>
 * Details: count details, {@code exact}, {@code approximation} (only when a profile is in sketch mode),
 * {@code edges} (numeric binnings with edges), {@code bins} (at most {@value #MAX_LISTED_BINS}; {@code bins_omitted}
 * counts the rest) and {@code warn_threshold} when set. An infinite score (possible only without smoothing) is
 * {@link DriftStatus#UNDEFINED} and drifted.
 */
abstract sealed class BinnedMethod extends BuiltInMethod
        permits PsiMethod, KlDivergenceMethod, JensenShannonMethod, HellingerMethod {

    /** Most bins listed in details, so a high-cardinality feature does not produce a megabyte of JSON. */
    static final int MAX_LISTED_BINS = 1000;

    /** A histogram method for both feature types with the generic defaults and this score threshold. */
    BinnedMethod(String name, double defaultThreshold) {
        this(name, MethodSettings.of(ThresholdKind.SCORE_AT_LEAST, defaultThreshold));
    }

    /** A histogram method for both feature types with its own default settings. */
    BinnedMethod(String name, MethodSettings defaults) {
        super(name, ALL_TYPES, defaults, null);
    }

    @Override
    final String convention(FeatureType type, MethodSettings settings) {
        return convention(type == FeatureType.NUMERIC ? settings.binning().conventionName()
                : Histogram.CATEGORICAL_BINNING, settings);
    }

    @Override
    final DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                               Map<String, Object> details) {
        String unsupported = Histogram.unsupportedReason(baseline, current, settings.binning());
        if (unsupported != null) {
            return DriftResult.unsupported(name(), convention(baseline.type(), settings), settings.threshold(),
                    unsupported, details);
        }
        Histogram histogram = Histogram.of(baseline, current, settings.binning());
        String convention = convention(histogram.binning(), settings);
        double score = score(histogram.baselineShares(settings.smoothing()),
                histogram.currentShares(settings.smoothing()), settings);
        details.put("exact", histogram.exact());
        if (!histogram.exact()) {
            boolean categorical = baseline instanceof CategoricalProfile && current instanceof CategoricalProfile;
            details.put("approximation", categorical
                    ? Categories.approximation((CategoricalProfile) baseline, (CategoricalProfile) current)
                    : MethodSupport.approximation(baseline, current, sketchErrorNote()));
        }
        if (!histogram.edges().isEmpty()) {
            details.put("edges", histogram.edges());
        }
        List<Map<String, Object>> bins = histogram.binDetails();
        if (bins.size() > MAX_LISTED_BINS) {
            details.put("bins", bins.subList(0, MAX_LISTED_BINS));
            details.put("bins_omitted", bins.size() - MAX_LISTED_BINS);
        } else {
            details.put("bins", bins);
        }
        if (!Double.isFinite(score)) {
            return DriftResult.undefined(name(), convention, settings.threshold(), score == Double.POSITIVE_INFINITY,
                    name() + " score is not finite (" + score + "): with smoothing '"
                            + settings.smoothing().conventionName() + "' a bin is empty on one side only", details);
        }
        return verdict(convention, score, null, settings, details);
    }

    /** The convention string for this method with the given (resolved) binning name. */
    abstract String convention(String binning, MethodSettings settings);

    /** The score from smoothed baseline shares {@code b} and current shares {@code c}, aligned by bin. */
    abstract double score(double[] b, double[] c, MethodSettings settings);

    /** The measured sketch-mode error bound of this method's score. */
    abstract String sketchErrorNote();

    /** {@code scipy.special.rel_entr(p, q)}: p·ln(p/q), 0 when p is 0, +inf when only q is 0. */
    static double relativeEntropy(double p, double q) {
        if (p == 0.0) {
            return 0.0;
        }
        return q == 0.0 ? Double.POSITIVE_INFINITY : p * Math.log(p / q);
    }

    /** The vector divided by its sum (smoothing may have added mass). */
    static double[] normalised(double[] shares) {
        double total = MethodSupport.sum(shares);
        double[] result = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            result[i] = shares[i] / total;
        }
        return result;
    }
}
