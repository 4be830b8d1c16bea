package io.driftwatch.drift;

/**
 * Kullback-Leibler divergence of the baseline from the current distribution, configuration name {@code "kl"}, for
 * numeric and categorical features.
 * <p>
 * KL = KL(baseline ‖ current) = Σ p_i · ln(p_i / q_i), computed like {@code scipy.stats.entropy(b, c)}: b and c are
 * the smoothed baseline and current shares over the bins defined on {@link PsiMethod}, and each is renormalised to
 * sum to 1 (p = b / Σb, q = c / Σc) because smoothing adds mass. Default threshold 0.1; drifted when KL ≥ threshold.
 * Convention: {@code kl:direction=baseline||current,bins=baseline-deciles,smoothing=evidently,log=e} (numeric) or
 * the same with {@code bins=categories} (categorical). Details and sketch-mode accuracy are as for
 * {@link PsiMethod}.
 */
public final class KlDivergenceMethod extends BinnedDivergenceMethod {

    /** Configuration name. */
    public static final String NAME = "kl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    String convention(String binning, Smoothing smoothing) {
        return NAME + ":direction=baseline||current,bins=" + binning + ",smoothing=" + smoothing.conventionName()
                + ",log=e";
    }

    @Override
    double score(double[] b, double[] c) {
        double baselineTotal = MethodSupport.sum(b);
        double currentTotal = MethodSupport.sum(c);
        double[] terms = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double p = b[i] / baselineTotal;
            double q = c[i] / currentTotal;
            // scipy.special.rel_entr(p, q) = p * log(p / q); smoothing made every share positive.
            terms[i] = p * Math.log(p / q);
        }
        return MethodSupport.sum(terms);
    }
}
