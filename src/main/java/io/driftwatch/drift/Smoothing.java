package io.driftwatch.drift;

import java.util.Arrays;

/**
 * How bin counts become shares and how empty bins are filled, so that log-ratio scores (PSI, KL) stay finite.
 * Each side (baseline, current) is smoothed on its own. The rule is named in every result's convention.
 */
public enum Smoothing {

    /**
     * Evidently's rule on shares {@code count / total}: with {@code m} the smallest non-zero share of the vector,
     * every zero becomes {@code m / 1e6} if {@code m <= 1e-4}, otherwise {@code 1e-4}; non-zero shares are unchanged
     * and the vector is not renormalised (it sums to slightly more than 1).
     */
    EVIDENTLY("evidently") {
        @Override
        public double[] apply(double[] proportions) {
            double smallestNonZero = Double.POSITIVE_INFINITY;
            for (double p : proportions) {
                checkShare(p);
                if (p > 0.0) {
                    smallestNonZero = Math.min(smallestNonZero, p);
                }
            }
            // An all-zero vector never reaches here from a drift method (empty windows stop earlier); 1e-4 is safe.
            double fill = smallestNonZero <= 1e-4 ? smallestNonZero / 1e6 : 1e-4;
            double[] smoothed = proportions.clone();
            for (int i = 0; i < smoothed.length; i++) {
                if (smoothed[i] == 0.0) {
                    smoothed[i] = fill;
                }
            }
            return smoothed;
        }
    },

    /**
     * Laplace (add-one) smoothing on counts, as Azure ML's PSI: with {@code k} bins and {@code n} values, share
     * {@code (count + 1) / (n + k)}. Shares sum to 1 and no bin is empty, but the correction is large for small
     * windows or many bins. It needs counts, so {@link #apply(double[])} is not available.
     */
    LAPLACE("laplace") {
        @Override
        public double[] apply(double[] proportions) {
            throw new UnsupportedOperationException("laplace smoothing adds one to every bin count and so needs the"
                    + " counts; call shares(long[]) instead of apply(double[])");
        }

        @Override
        public double[] shares(long[] counts) {
            long total = total(counts);
            double denominator = (double) total + counts.length;
            double[] shares = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                shares[i] = (counts[i] + 1.0) / denominator;
            }
            return shares;
        }
    },

    /** No smoothing: shares are {@code count / total}; an empty bin makes PSI and KL infinite. */
    NONE("none") {
        @Override
        public double[] apply(double[] proportions) {
            for (double p : proportions) {
                checkShare(p);
            }
            return proportions.clone();
        }
    };

    private final String conventionName;

    Smoothing(String conventionName) {
        this.conventionName = conventionName;
    }

    /** The spelling used in convention strings and configuration, e.g. {@code "evidently"}. */
    public String conventionName() {
        return conventionName;
    }

    /** Returns a smoothed copy of {@code proportions} (shares of one side); the argument is not modified. */
    public abstract double[] apply(double[] proportions);

    /**
     * Turns the bin counts of one side into smoothed shares: {@code count / total} followed by {@link #apply}, except
     * for {@link #LAPLACE}, which smooths the counts themselves.
     *
     * @throws IllegalArgumentException if a count is negative or all counts are zero
     */
    public double[] shares(long[] counts) {
        long total = total(counts);
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = (double) counts[i] / total;
        }
        return apply(shares);
    }

    /**
     * Parses a configuration spelling ({@code evidently}, {@code laplace}, {@code none}), ignoring case and blanks.
     *
     * @throws IllegalArgumentException naming the allowed spellings otherwise
     */
    public static Smoothing parse(String text) {
        if (text != null) {
            for (Smoothing value : values()) {
                if (value.conventionName.equalsIgnoreCase(text.trim())) {
                    return value;
                }
            }
        }
        throw new IllegalArgumentException("smoothing must be one of " + Arrays.stream(values())
                .map(Smoothing::conventionName).toList() + " but was " + (text == null ? "null" : "'" + text + "'"));
    }

    private static long total(long[] counts) {
        long total = 0;
        for (long count : counts) {
            if (count < 0) {
                throw new IllegalArgumentException("bin counts must be non-negative but found " + count);
            }
            total += count;
        }
        if (total == 0) {
            throw new IllegalArgumentException("bin counts must not all be zero");
        }
        return total;
    }

    private static void checkShare(double p) {
        if (!(p >= 0.0) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("proportions must be finite and non-negative but found " + p);
        }
    }
}
