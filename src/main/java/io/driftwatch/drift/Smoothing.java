package io.driftwatch.drift;

/**
 * How empty bins are filled before taking logarithms, so that divergences stay finite.
 * Each proportion vector is smoothed on its own and is not renormalised afterwards.
 */
public enum Smoothing {

    /**
     * Evidently's rule: with {@code m} the smallest non-zero proportion of the vector, every zero becomes
     * {@code m / 1e6} if {@code m <= 1e-4}, otherwise {@code 1e-4}. Non-zero proportions are left unchanged.
     */
    EVIDENTLY("evidently") {
        @Override
        public double[] apply(double[] proportions) {
            double smallestNonZero = Double.POSITIVE_INFINITY;
            for (double p : proportions) {
                if (!(p >= 0.0) || Double.isInfinite(p)) {
                    throw new IllegalArgumentException("proportions must be finite and non-negative but found " + p);
                }
                if (p > 0.0) {
                    smallestNonZero = Math.min(smallestNonZero, p);
                }
            }
            // An all-zero vector never reaches here from a drift method (empty windows stop earlier); 1e-4 is a safe fill.
            double fill = smallestNonZero <= 1e-4 ? smallestNonZero / 1e6 : 1e-4;
            double[] smoothed = proportions.clone();
            for (int i = 0; i < smoothed.length; i++) {
                if (smoothed[i] == 0.0) {
                    smoothed[i] = fill;
                }
            }
            return smoothed;
        }
    };

    private final String conventionName;

    Smoothing(String conventionName) {
        this.conventionName = conventionName;
    }

    /** The spelling used in convention strings, e.g. {@code "evidently"}. */
    public String conventionName() {
        return conventionName;
    }

    /** Returns a smoothed copy of {@code proportions}; the argument is not modified. */
    public abstract double[] apply(double[] proportions);
}
