package io.driftwatch.drift;

/**
 * Population stability index, configuration name {@code "psi"}, for numeric and categorical features.
 * <p>
 * <b>Bins</b> come from the settings' {@link Binning} (default: baseline deciles, "baseline-deciles") for numeric
 * features and from the union of categories for categorical ones; see {@link Histogram}. Only finite values are
 * binned; missing, NaN and infinite counts are reported in details.
 * <p>
 * <b>Shares</b> are bin count / {@code count()} of that side, then smoothed per the settings' {@link Smoothing}
 * (default {@link Smoothing#EVIDENTLY}).
 * <p>
 * <b>Score.</b> PSI = Σ (b_i − c_i) · ln(b_i / c_i) over smoothed shares b (baseline) and c (current), not
 * renormalised. Range [0, ∞). Default threshold 0.1; drifted when PSI ≥ threshold. Convention:
 * {@code psi:bins=baseline-deciles,smoothing=evidently,log=e} for numeric and
 * {@code psi:bins=categories,smoothing=evidently,log=e} for categorical features with default settings.
 * <p>
 * <b>Details</b>: {@code baseline_count}, {@code current_count}, {@code baseline_missing}, {@code current_missing},
 * for numeric also {@code baseline_nan}, {@code current_nan}, {@code baseline_infinite}, {@code current_infinite};
 * {@code exact} (true iff both profiles are exact), {@code approximation} (only when not exact), {@code edges}
 * (numeric), and {@code bins}: a list of maps {label, baseline_count, current_count, baseline_share, current_share}
 * with unsmoothed shares and labels such as {@code "[1.5, 2.25)"} or the category.
 * <p>
 * <b>Sketch mode.</b> When a numeric profile is in sketch mode the score is an estimate within
 * {@link SketchErrorBounds#psiOrKl} of the exact-mode score (measured with baseline deciles).
 */
public final class PsiMethod extends BinnedMethod {

    /** Configuration name. */
    public static final String NAME = "psi";
    /** Default threshold; a score at or above it drifts. */
    public static final double DEFAULT_THRESHOLD = 0.1;

    /** The method with its default threshold {@value #DEFAULT_THRESHOLD}. */
    public PsiMethod() {
        super(NAME, DEFAULT_THRESHOLD);
    }

    @Override
    String convention(String binning, MethodSettings settings) {
        return NAME + ":bins=" + binning + ",smoothing=" + settings.smoothing().conventionName() + ",log=e";
    }

    @Override
    double score(double[] b, double[] c, MethodSettings settings) {
        double[] terms = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            // Same operation order as Evidently: (ref - cur) * log(ref / cur); a term with b == c is 0 even at 0.
            terms[i] = b[i] == c[i] ? 0.0 : (b[i] - c[i]) * Math.log(b[i] / c[i]);
        }
        return MethodSupport.sum(terms);
    }

    @Override
    String sketchErrorNote() {
        return SketchErrorBounds.note(NAME);
    }
}
