package io.driftwatch.drift;

/**
 * Population stability index, configuration name {@code "psi"}, for numeric and categorical features.
 * <p>
 * <b>Bins</b> (shared with {@link KlDivergenceMethod}):
 * <ul>
 *   <li>numeric, "baseline-deciles": interior edges are the baseline quantiles at p = 0.1, 0.2, ..., 0.9 (numpy's
 *       "linear" method, see {@link io.driftwatch.profile.NumericProfile#quantile}), de-duplicated so ties collapse
 *       bins. With edges e1 &lt; ... &lt; ek the bins are (-inf, e1), [e1, e2), ..., [ek, +inf); value v lands in bin
 *       {@code searchsorted(edges, v, side='right')}. Counts are differences of
 *       {@link io.driftwatch.profile.NumericProfile#countBelow}, hence exact while both profiles are exact. Only
 *       finite values are binned; missing, NaN and infinite counts are reported in details.</li>
 *   <li>categorical, "categories": one bin per category in the union of both windows, ordered by baseline count
 *       descending, then category ascending; a category unseen in the baseline gets its own bin. Missing values are
 *       not a category.</li>
 * </ul>
 * <b>Shares</b> are bin count / {@code count()} of that side, then smoothed with {@link Smoothing#EVIDENTLY}.
 * <p>
 * <b>Score.</b> PSI = Σ (b_i − c_i) · ln(b_i / c_i) over smoothed shares b (baseline) and c (current), not
 * renormalised. Default threshold 0.1; drifted when PSI ≥ threshold. Convention:
 * {@code psi:bins=baseline-deciles,smoothing=evidently,log=e} for numeric and
 * {@code psi:bins=categories,smoothing=evidently,log=e} for categorical features.
 * <p>
 * <b>Details</b>: {@code baseline_count}, {@code current_count}, {@code baseline_missing}, {@code current_missing},
 * for numeric also {@code baseline_nan}, {@code current_nan}, {@code baseline_infinite}, {@code current_infinite};
 * {@code exact} (true iff both profiles are exact), {@code approximation} (only when not exact), {@code edges}
 * (numeric), and {@code bins}: a list of maps {label, baseline_count, current_count, baseline_share, current_share}
 * with unsmoothed shares and labels such as {@code "[1.5, 2.25)"} or the category.
 * <p>
 * <b>Sketch mode.</b> When a numeric profile is in sketch mode the score is an estimate within
 * {@code 0.001 + 0.03 * exactScore} of the exact-mode score (measured; see
 * {@link io.driftwatch.profile.NumericProfile}).
 */
public final class PsiMethod extends BinnedDivergenceMethod {

    /** Configuration name. */
    public static final String NAME = "psi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    String convention(String binning, Smoothing smoothing) {
        return NAME + ":bins=" + binning + ",smoothing=" + smoothing.conventionName() + ",log=e";
    }

    @Override
    double score(double[] b, double[] c) {
        double[] terms = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            // Same operation order as Evidently: (ref - cur) * log(ref / cur).
            terms[i] = (b[i] - c[i]) * Math.log(b[i] / c[i]);
        }
        return MethodSupport.sum(terms);
    }
}
