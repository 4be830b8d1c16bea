package io.driftwatch.drift;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

import java.util.Arrays;

/**
 * The two-sided two-sample Kolmogorov-Smirnov p-value from commons-statistics, for a statistic computed from
 * profiles rather than raw rows.
 * <p>
 * Under the null hypothesis the p-value depends only on the sizes n, m and the integer statistic
 * {@code max |B(x)·m − C(x)·n|}. commons-statistics exposes its KS distributions only through its tests, so this
 * class hands them the smallest samples with the same sizes and statistic, exactly as {@code PValueMethod.AUTO}
 * would treat the raw rows:
 * <ul>
 *   <li>max(n, m) &lt; 10,000: the exact p-value (commons-statistics; scipy's {@code ks_2samp} uses its exact
 *       method up to 10,000 inclusive), from two samples of zeros and ones whose CDFs differ by the statistic
 *       at 0;</li>
 *   <li>otherwise: Smirnov's asymptotic p-value {@code P(D_N >= d)} of the one-sample distribution with
 *       N = round(nm / (n + m)) (as scipy's {@code kstwo.sf(d, round(en))}), from a one-sample test on the points
 *       0, 1, ..., N−1 against a CDF whose largest deviation from them is d. That needs 2N doubles of memory, so
 *       above N = {@value #MAX_EFFECTIVE_SIZE} (about 4.2 million rows per side) no p-value is computed.</li>
 * </ul>
 */
final class KolmogorovSmirnovPValue {

    /** commons-statistics' AUTO rule: exact below this larger sample size. */
    static final int LARGE_SAMPLE = 10_000;
    /** Largest effective size nm/(n+m) for which the asymptotic p-value is computed. */
    static final int MAX_EFFECTIVE_SIZE = 1 << 21;

    private KolmogorovSmirnovPValue() {
    }

    /** Whether {@link #of} can compute a p-value for these sizes. */
    static boolean supports(long n, long m) {
        return n >= 2 && m >= 2 && (Math.max(n, m) < LARGE_SAMPLE || effectiveSize(n, m) <= MAX_EFFECTIVE_SIZE);
    }

    /** "exact" or "asymptotic": how {@link #of} computes the p-value for these sizes. */
    static String method(long n, long m) {
        return Math.max(n, m) < LARGE_SAMPLE ? "exact" : "asymptotic";
    }

    /**
     * The p-value of a statistic {@code d} reached where {@code i} of the {@code n} baseline values and {@code j} of
     * the {@code m} current values lie at or below the same point.
     *
     * @throws IllegalArgumentException if {@link #supports} is false for these sizes
     */
    static double of(long i, long n, long j, long m, double d) {
        if (!supports(n, m)) {
            throw new IllegalArgumentException("KS p-value needs 2 <= n, m and an effective size of at most "
                    + MAX_EFFECTIVE_SIZE + " but n=" + n + ", m=" + m);
        }
        if (Math.max(n, m) < LARGE_SAMPLE) {
            return KolmogorovSmirnovTest.withDefaults().test(step((int) i, (int) n), step((int) j, (int) m))
                    .getPValue();
        }
        int size = effectiveSize(n, m);
        if (d * size <= 0.5) {
            return 1.0; // D_N >= 1/(2N) always, so P(D_N >= d) = 1 (the library returns the same)
        }
        double[] points = new double[size];
        for (int k = 0; k < size; k++) {
            points[k] = k;
        }
        // A CDF through the points whose largest deviation from their empirical CDF is d, reached at point 0.
        return KolmogorovSmirnovTest.withDefaults()
                .test(points, x -> Math.max(d, (x + 0.5) / size)).getPValue();
    }

    private static int effectiveSize(long n, long m) {
        double small = Math.min(n, m);
        double large = Math.max(n, m);
        return (int) Math.min(Integer.MAX_VALUE, Math.round(large * small / (large + small)));
    }

    /** {@code below} zeros followed by ones: a sample whose CDF is below/size on [0, 1). */
    private static double[] step(int below, int size) {
        double[] values = new double[size];
        Arrays.fill(values, below, size, 1.0);
        return values;
    }
}
