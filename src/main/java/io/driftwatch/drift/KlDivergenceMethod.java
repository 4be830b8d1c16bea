package io.driftwatch.drift;

/**
 * Kullback-Leibler divergence of the baseline from the current distribution, configuration name {@code "kl"}, for
 * numeric and categorical features.
 * <p>
 * KL = KL(baseline ‖ current) = Σ p_i · log(p_i / q_i), computed like {@code scipy.stats.entropy(b, c, base)}: b and
 * c are the smoothed baseline and current shares over the bins defined on {@link PsiMethod}, and each is renormalised
 * to sum to 1 (p = b / Σb, q = c / Σc) because smoothing adds mass; a bin with p = 0 adds 0, a bin with only q = 0
 * makes KL infinite (only possible with smoothing {@code none}). The logarithm base comes from the settings (default
 * e, nats). Range [0, ∞); not symmetric. Default threshold 0.1; drifted when KL ≥ threshold. Convention:
 * {@code kl:direction=baseline||current,bins=baseline-deciles,smoothing=evidently,log=e} (numeric, defaults) or the
 * same with {@code bins=categories} (categorical). Details and sketch-mode accuracy are as for {@link PsiMethod}.
 */
public final class KlDivergenceMethod extends BinnedMethod {

    /** Configuration name. */
    public static final String NAME = "kl";
    /** Default threshold; a score at or above it drifts. */
    public static final double DEFAULT_THRESHOLD = 0.1;

    /** The method with its default threshold {@value #DEFAULT_THRESHOLD}. */
    public KlDivergenceMethod() {
        super(NAME, DEFAULT_THRESHOLD);
    }

    @Override
    String convention(String binning, MethodSettings settings) {
        return NAME + ":direction=baseline||current,bins=" + binning + ",smoothing="
                + settings.smoothing().conventionName() + ",log=" + settings.logBase().conventionName();
    }

    @Override
    double score(double[] b, double[] c, MethodSettings settings) {
        double[] p = normalised(b);
        double[] q = normalised(c);
        double[] terms = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            terms[i] = relativeEntropy(p[i], q[i]);
        }
        double nats = MethodSupport.sum(terms);
        return settings.logBase() == LogBase.E ? nats : nats / settings.logBase().lnBase();
    }

    @Override
    String sketchErrorNote() {
        return SketchErrorBounds.note(NAME);
    }
}
