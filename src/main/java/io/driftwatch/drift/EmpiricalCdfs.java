package io.driftwatch.drift;

import io.driftwatch.profile.NumericProfile;

import java.util.Arrays;

/**
 * The empirical CDFs of two numeric profiles, evaluated on one ascending set of points.
 * <p>
 * When both profiles are exact the points are every distinct value of either window and the cumulative counts are
 * exact, so the KS statistic, the Wasserstein distance and the Anderson-Darling statistic computed from them are the
 * textbook values (identical to running scipy on the raw rows). When a profile is in sketch mode, the points are
 * {@value #SKETCH_GRID} + 1 evenly spaced quantiles of each sketched profile plus the distinct values of an exact
 * one, and the sketched side's cumulative counts are bucket-sketch estimates.
 *
 * @param points           ascending distinct evaluation points
 * @param baselineAtOrBelow number of baseline values at or below each point (non-decreasing)
 * @param currentAtOrBelow  number of current values at or below each point (non-decreasing)
 * @param exact             whether both profiles are exact
 */
record EmpiricalCdfs(double[] points, long[] baselineAtOrBelow, long[] currentAtOrBelow, boolean exact) {

    /** Quantile grid resolution used for sketch-mode profiles. */
    static final int SKETCH_GRID = 2000;
    /** Probabilities of the midpoint rule for the sketch-mode Wasserstein distance. */
    static final int WASSERSTEIN_QUANTILES = 4000;

    /** Both profiles must be non-empty. */
    static EmpiricalCdfs of(NumericProfile baseline, NumericProfile current) {
        if (baseline.isExact() && current.isExact()) {
            return exact(baseline, current);
        }
        double[] points = concat(evaluationPoints(baseline), evaluationPoints(current));
        Arrays.sort(points);
        int distinct = 0;
        for (double v : points) {
            if (distinct == 0 || v != points[distinct - 1]) {
                points[distinct++] = v;
            }
        }
        points = Arrays.copyOf(points, distinct);
        return new EmpiricalCdfs(points, cumulative(baseline, points), cumulative(current, points), false);
    }

    /**
     * W1 of sketch-mode profiles in its quantile form, ∫_0^1 |Q_baseline(p) − Q_current(p)| dp, by the midpoint rule
     * over {@value #WASSERSTEIN_QUANTILES} probabilities: the quantile form follows the tails, where the CDF form on
     * a grid loses most (measured with t-digests: within 0.0012 baseline standard deviations of the exact value where
     * the CDF form erred by up to 0.03; with the bucket sketch within {@link SketchErrorBounds#distance}).
     */
    static double wassersteinFromQuantiles(NumericProfile baseline, NumericProfile current) {
        double[] terms = new double[WASSERSTEIN_QUANTILES];
        for (int i = 0; i < WASSERSTEIN_QUANTILES; i++) {
            double p = (i + 0.5) / WASSERSTEIN_QUANTILES;
            terms[i] = Math.abs(baseline.quantile(p) - current.quantile(p)) / WASSERSTEIN_QUANTILES;
        }
        return MethodSupport.sum(terms);
    }

    long baselineCount() {
        return baselineAtOrBelow[baselineAtOrBelow.length - 1];
    }

    long currentCount() {
        return currentAtOrBelow[currentAtOrBelow.length - 1];
    }

    /**
     * The two-sided KS statistic as the integer {@code max |B(x)·m − C(x)·n|} (B, C cumulative counts, n, m sizes),
     * with the index of the first point where it is reached; the statistic is that integer divided by n·m.
     */
    long[] integralKolmogorovSmirnov() {
        long n = baselineCount();
        long m = currentCount();
        long best = 0;
        int at = 0;
        for (int k = 0; k < points.length; k++) {
            long difference = Math.abs(Math.multiplyExact(baselineAtOrBelow[k], m)
                    - Math.multiplyExact(currentAtOrBelow[k], n));
            if (difference > best) {
                best = difference;
                at = k;
            }
        }
        return new long[]{best, at};
    }

    /** The largest |F_baseline − F_current| over the points, in doubles (for sizes whose product overflows a long). */
    double maxCdfDifference() {
        double n = baselineCount();
        double m = currentCount();
        double best = 0.0;
        for (int k = 0; k < points.length; k++) {
            best = Math.max(best, Math.abs(baselineAtOrBelow[k] / n - currentAtOrBelow[k] / m));
        }
        return best;
    }

    /**
     * ∫ |F_baseline − F_current| dx, as {@code scipy.stats.wasserstein_distance}: the CDFs are constant between
     * points. Where the distance between the extreme points overflows a double, the widths are summed after scaling.
     */
    double wasserstein() {
        return wasserstein(1.0);
    }

    /**
     * {@link #wasserstein()} divided by {@code divisor}; where the distance itself overflows a double (windows on
     * either side of zero near the largest double), the quotient is formed from the scaled sum, so it stays finite
     * whenever it is.
     */
    double wasserstein(double divisor) {
        double n = baselineCount();
        double m = currentCount();
        int last = points.length - 1;
        boolean scaled = !Double.isFinite(points[last] - points[0]);
        double scale = scaled ? Math.max(Math.abs(points[0]), Math.abs(points[last])) : 1.0;
        double[] terms = new double[last];
        for (int k = 0; k < last; k++) {
            double width = scaled ? points[k + 1] / scale - points[k] / scale : points[k + 1] - points[k];
            terms[k] = Math.abs(baselineAtOrBelow[k] / n - currentAtOrBelow[k] / m) * width;
        }
        double sum = MethodSupport.sum(terms);
        double distance = sum * scale;
        return Double.isFinite(distance) ? distance / divisor : sum * (scale / divisor);
    }

    private static EmpiricalCdfs exact(NumericProfile baseline, NumericProfile current) {
        double[] bValues = baseline.distinctValues();
        long[] bCounts = baseline.distinctValueCounts();
        double[] cValues = current.distinctValues();
        long[] cCounts = current.distinctValueCounts();
        double[] points = new double[bValues.length + cValues.length];
        long[] bCumulative = new long[points.length];
        long[] cCumulative = new long[points.length];
        int i = 0;
        int j = 0;
        int k = 0;
        long bRunning = 0;
        long cRunning = 0;
        while (i < bValues.length || j < cValues.length) {
            double next = j == cValues.length || (i < bValues.length && bValues[i] <= cValues[j])
                    ? bValues[i] : cValues[j];
            if (i < bValues.length && bValues[i] == next) {
                bRunning += bCounts[i++];
            }
            if (j < cValues.length && cValues[j] == next) {
                cRunning += cCounts[j++];
            }
            points[k] = next;
            bCumulative[k] = bRunning;
            cCumulative[k] = cRunning;
            k++;
        }
        return new EmpiricalCdfs(Arrays.copyOf(points, k), Arrays.copyOf(bCumulative, k),
                Arrays.copyOf(cCumulative, k), true);
    }

    private static double[] evaluationPoints(NumericProfile profile) {
        if (profile.isExact()) {
            return profile.distinctValues();
        }
        double[] points = new double[SKETCH_GRID + 1];
        for (int i = 0; i <= SKETCH_GRID; i++) {
            points[i] = profile.quantile(i / (double) SKETCH_GRID);
        }
        return points;
    }

    private static long[] cumulative(NumericProfile profile, double[] points) {
        long[] result = new long[points.length];
        long previous = 0;
        for (int k = 0; k < points.length; k++) {
            // max() keeps sketch estimates monotone even if the digest's cdf wobbles.
            previous = Math.max(previous, profile.countAtOrBelow(points[k]));
            result[k] = previous;
        }
        return result;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
