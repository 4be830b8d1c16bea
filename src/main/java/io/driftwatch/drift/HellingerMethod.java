package io.driftwatch.drift;

/**
 * Hellinger distance, configuration name {@code "hellinger"}, for numeric and categorical features over the bins
 * defined on {@link PsiMethod}.
 * <p>
 * With p, q the baseline and current shares renormalised to sum to 1: H = sqrt(½ Σ (√p_i − √q_i)²), which equals
 * sqrt(1 − Σ √(p_i q_i)) (Evidently's and whylogs' form) but keeps its precision for small distances. Range [0, 1],
 * symmetric, finite with empty bins (default smoothing {@code none}). Default threshold 0.1 (Evidently; whylogs
 * warns from 0.15 and alerts from 0.4); drifted when H ≥ threshold. Convention:
 * {@code hellinger:bins=baseline-deciles,smoothing=none} with default settings.
 */
final class HellingerMethod extends BinnedMethod {

    static final String NAME = "hellinger";

    HellingerMethod() {
        super(NAME, MethodSettings.of(ThresholdKind.SCORE_AT_LEAST, 0.1).withSmoothing(Smoothing.NONE));
    }

    @Override
    String convention(String binning, MethodSettings settings) {
        return NAME + ":bins=" + binning + ",smoothing=" + settings.smoothing().conventionName();
    }

    @Override
    double score(double[] b, double[] c, MethodSettings settings) {
        double[] p = normalised(b);
        double[] q = normalised(c);
        double[] terms = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double difference = Math.sqrt(p[i]) - Math.sqrt(q[i]);
            terms[i] = difference * difference;
        }
        return Math.sqrt(Math.min(1.0, MethodSupport.sum(terms) / 2.0));
    }

    @Override
    String sketchErrorNote() {
        return SketchErrorBounds.note(NAME);
    }
}
