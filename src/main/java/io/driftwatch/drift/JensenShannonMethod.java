package io.driftwatch.drift;

/**
 * Jensen-Shannon distance ({@code "js"}) and divergence ({@code "js_divergence"}) for numeric and categorical
 * features, over the bins defined on {@link PsiMethod}.
 * <p>
 * With p, q the baseline and current shares renormalised to sum to 1 and m = (p + q) / 2, computed as
 * {@code scipy.spatial.distance.jensenshannon(p, q, base)}:
 * <ul>
 *   <li>divergence JSD = (KL(p ‖ m) + KL(q ‖ m)) / 2 in the settings' log base (default 2, bits: range [0, 1]; as
 *       TFDV/Vertex "jensen_shannon_divergence");</li>
 *   <li>distance = sqrt(JSD) (default base 2: range [0, 1], as NannyML and Azure; base e: range [0, 0.833], as
 *       Evidently's {@code jensenshannon}).</li>
 * </ul>
 * Both are symmetric and finite even with empty bins, so the default smoothing is {@code none}. Default thresholds:
 * distance 0.1, divergence 0.01 (= 0.1²: the same verdicts); drifted when the score is at or above the threshold.
 * Conventions: {@code js:distance,bins=baseline-deciles,smoothing=none,log=2} and
 * {@code js_divergence:bins=baseline-deciles,smoothing=none,log=2} with default settings.
 */
final class JensenShannonMethod extends BinnedMethod {

    static final String DISTANCE = "js";
    static final String DIVERGENCE = "js_divergence";

    private final boolean distance;

    private JensenShannonMethod(boolean distance) {
        super(distance ? DISTANCE : DIVERGENCE, MethodSettings.of(ThresholdKind.SCORE_AT_LEAST, distance ? 0.1 : 0.01)
                .withSmoothing(Smoothing.NONE).withLogBase(LogBase.TWO));
        this.distance = distance;
    }

    /** The JS distance, sqrt of the divergence. */
    static JensenShannonMethod distance() {
        return new JensenShannonMethod(true);
    }

    /** The JS divergence. */
    static JensenShannonMethod divergence() {
        return new JensenShannonMethod(false);
    }

    @Override
    String convention(String binning, MethodSettings settings) {
        return name() + (distance ? ":distance," : ":") + "bins=" + binning + ",smoothing="
                + settings.smoothing().conventionName() + ",log=" + settings.logBase().conventionName();
    }

    @Override
    double score(double[] b, double[] c, MethodSettings settings) {
        double[] p = normalised(b);
        double[] q = normalised(c);
        double[] left = new double[p.length];
        double[] right = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2.0;
            left[i] = relativeEntropy(p[i], m);
            right[i] = relativeEntropy(q[i], m);
        }
        // scipy's order of operations: js = left + right, js /= log(base), sqrt(js / 2).
        double js = MethodSupport.sum(left) + MethodSupport.sum(right);
        if (settings.logBase() != LogBase.E) {
            js /= settings.logBase().lnBase();
        }
        // Rounding can leave a hair below 0 for (nearly) identical inputs, where scipy would return NaN.
        double divergence = Math.max(0.0, js / 2.0);
        return distance ? Math.sqrt(divergence) : divergence;
    }

    @Override
    String sketchErrorNote() {
        return SketchErrorBounds.note(name());
    }
}
