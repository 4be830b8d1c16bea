package io.driftwatch.canary.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * The statistics behind {@link CanaryAnalysis}. Every distribution comes from Apache Commons Statistics; this class
 * only combines them. Conventions (checked against scipy by {@code tools/reference/canary_reference.py}):
 * <ul>
 *   <li><em>Mann–Whitney U</em>: two-sided, normal approximation with tie correction and continuity correction
 *       (scipy {@code mannwhitneyu(candidate, baseline, alternative="two-sided", method="asymptotic",
 *       use_continuity=True)}); the statistic is U of the candidate;</li>
 *   <li><em>Hodges–Lehmann shift</em>: the median of all candidate − baseline pairwise differences; its 1 − alpha
 *       interval is the distribution-free one, [D(k+1), D(N−k)] of the N = m·n sorted differences with
 *       k = ⌊N/2 − z(1−alpha/2)·√(m·n·(m+n+1)/12)⌋ (normal approximation, no tie correction). Order statistics are
 *       selected exactly by bisection with pair counting, so no m·n array is built;</li>
 *   <li><em>Wilcoxon signed-rank</em>: normal approximation with tie and continuity correction (scipy
 *       {@code wilcoxon(d, method="approx", correction=True)});</li>
 *   <li><em>two-proportion z-test</em>: pooled standard error, z = (p_candidate − p_baseline) / se;</li>
 *   <li><em>quantile</em>: linear interpolation between order statistics (numpy's default, "type 7").</li>
 * </ul>
 */
public final class CanaryStatistics {

    /** Resamples of the bootstrap interval of a percentile difference. */
    static final int BOOTSTRAP_RESAMPLES = 400;
    /** Seed of the bootstrap, so that a verdict is reproducible. */
    static final long BOOTSTRAP_SEED = 0x5EEDCA9A7L;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private CanaryStatistics() {
    }

    /** An estimate with its two-sided confidence interval. */
    public record Interval(double estimate, double low, double high) {
        public Interval {
            if (!(low <= high)) {
                throw new IllegalArgumentException("interval must have low <= high but was [" + low + ", " + high + "]");
            }
        }
    }

    /** A two-proportion z-test: z of candidate − baseline, and its one-sided p-values (null when se is 0). */
    public record ProportionTest(double z, Double pLess, Double pGreater) {
    }

    /** z(1 − alpha/2), the two-sided normal critical value. */
    static double zTwoSided(double alpha) {
        return STANDARD_NORMAL.inverseSurvivalProbability(alpha / 2);
    }

    /** Two-sided Mann–Whitney p-value of candidate against baseline (asymptotic, continuity corrected). */
    public static double mannWhitneyPValue(double[] baseline, double[] candidate) {
        return MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED).with(PValueMethod.ASYMPTOTIC)
                .with(ContinuityCorrection.ENABLED).test(candidate, baseline).getPValue();
    }

    /** U statistic of the candidate. */
    public static double mannWhitneyU(double[] baseline, double[] candidate) {
        return MannWhitneyUTest.withDefaults().statistic(candidate, baseline);
    }

    /** Wilcoxon signed-rank p-value of paired differences (asymptotic, continuity corrected). */
    public static double wilcoxonPValue(double[] differences, AlternativeHypothesis alternative) {
        return WilcoxonSignedRankTest.withDefaults().with(alternative).with(PValueMethod.ASYMPTOTIC)
                .with(ContinuityCorrection.ENABLED).test(differences).getPValue();
    }

    /**
     * Hodges–Lehmann estimate of the shift candidate − baseline with its 1 − alpha distribution-free interval.
     *
     * @throws IllegalArgumentException if a sample is empty
     */
    public static Interval hodgesLehmann(double[] baseline, double[] candidate, double alpha) {
        if (baseline.length == 0 || candidate.length == 0) {
            throw new IllegalArgumentException("Hodges-Lehmann needs non-empty samples but had " + baseline.length
                    + " and " + candidate.length);
        }
        double[] b = sorted(baseline);
        double[] c = sorted(candidate);
        long m = b.length;
        long n = c.length;
        long total = m * n;
        double estimate = (total % 2 == 1) ? kthDifference(b, c, total / 2 + 1)
                : (kthDifference(b, c, total / 2) + kthDifference(b, c, total / 2 + 1)) / 2;
        double k = Math.floor(total / 2.0 - zTwoSided(alpha) * Math.sqrt(m * n * (m + n + 1) / 12.0));
        long kk = (long) Math.max(0, k);
        double low = kthDifference(b, c, kk + 1);
        double high = kthDifference(b, c, total - kk);
        return new Interval(estimate, low, high);
    }

    /** The k-th smallest (1-based) of the differences c[j] − b[i], selected exactly by bisection on the value. */
    static double kthDifference(double[] b, double[] c, long k) {
        double lo = c[0] - b[b.length - 1];
        double hi = c[c.length - 1] - b[0];
        if (countAtMost(b, c, lo) >= k) {
            return lo;
        }
        // invariant: count(lo) < k <= count(hi)
        for (int i = 0; i < 5000; i++) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (countAtMost(b, c, mid) >= k) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** Number of pairs with c[j] − b[i] ≤ d, both arrays sorted ascending. */
    private static long countAtMost(double[] b, double[] c, double d) {
        long count = 0;
        int i = 0;
        for (double cj : c) {
            while (i < b.length && cj - b[i] > d) {
                i++;
            }
            count += b.length - i;
        }
        return count;
    }

    /** Two-proportion z-test of candidate successes against baseline successes, pooled standard error. */
    public static ProportionTest twoProportion(long baseSuccess, long baseTotal, long candSuccess, long candTotal) {
        double p1 = (double) baseSuccess / baseTotal;
        double p2 = (double) candSuccess / candTotal;
        double pooled = (double) (baseSuccess + candSuccess) / (baseTotal + candTotal);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / baseTotal + 1.0 / candTotal));
        if (!(se > 0)) {
            return new ProportionTest(0.0, null, null);
        }
        double z = (p2 - p1) / se;
        return new ProportionTest(z, STANDARD_NORMAL.cumulativeProbability(z), STANDARD_NORMAL.survivalProbability(z));
    }

    /** Wald 1 − alpha interval of the difference of proportions p_candidate − p_baseline (unpooled). */
    static Interval proportionDifference(long baseSuccess, long baseTotal, long candSuccess, long candTotal,
                                         double alpha) {
        double p1 = (double) baseSuccess / baseTotal;
        double p2 = (double) candSuccess / candTotal;
        double half = zTwoSided(alpha) * Math.sqrt(p1 * (1 - p1) / baseTotal + p2 * (1 - p2) / candTotal);
        return new Interval(p2 - p1, p2 - p1 - half, p2 - p1 + half);
    }

    /** Katz log interval of the rate ratio (candidate / baseline); null when either count is 0. */
    static Interval rateRatio(long baseEvents, long baseTotal, long candEvents, long candTotal, double alpha) {
        if (baseEvents == 0 || candEvents == 0) {
            return null;
        }
        double ratio = ((double) candEvents / candTotal) / ((double) baseEvents / baseTotal);
        double se = Math.sqrt(1.0 / candEvents - 1.0 / candTotal + 1.0 / baseEvents - 1.0 / baseTotal);
        double half = zTwoSided(alpha) * se;
        return new Interval(ratio, ratio * Math.exp(-half), ratio * Math.exp(half));
    }

    /** Quantile p of an ascending sorted sample by linear interpolation (numpy default). */
    public static double quantileSorted(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Quantile p of a sample (copied, not modified). */
    public static double quantile(double[] sample, double p) {
        return quantileSorted(sorted(sample), p);
    }

    /**
     * Difference of the p-quantiles candidate − baseline with a seeded percentile-bootstrap 1 − alpha interval
     * ({@value #BOOTSTRAP_RESAMPLES} resamples of each version independently).
     */
    static Interval quantileDifference(double[] baseline, double[] candidate, double p, double alpha) {
        double estimate = quantile(candidate, p) - quantile(baseline, p);
        SplittableRandom random = new SplittableRandom(BOOTSTRAP_SEED);
        double[] diffs = new double[BOOTSTRAP_RESAMPLES];
        double[] rb = new double[baseline.length];
        double[] rc = new double[candidate.length];
        for (int r = 0; r < BOOTSTRAP_RESAMPLES; r++) {
            for (int i = 0; i < rb.length; i++) {
                rb[i] = baseline[random.nextInt(baseline.length)];
            }
            for (int i = 0; i < rc.length; i++) {
                rc[i] = candidate[random.nextInt(candidate.length)];
            }
            Arrays.sort(rb);
            Arrays.sort(rc);
            diffs[r] = quantileSorted(rc, p) - quantileSorted(rb, p);
        }
        Arrays.sort(diffs);
        double low = Math.min(estimate, quantileSorted(diffs, alpha / 2));
        double high = Math.max(estimate, quantileSorted(diffs, 1 - alpha / 2));
        return new Interval(estimate, low, high);
    }

    /** Median of paired differences with the distribution-free (sign-test) 1 − alpha interval. */
    static Interval medianWithInterval(double[] values, double alpha) {
        double[] s = sorted(values);
        int n = s.length;
        int k = (int) Math.max(0, Math.floor(n / 2.0 - zTwoSided(alpha) * Math.sqrt(n) / 2));
        return new Interval(quantileSorted(s, 0.5), s[k], s[n - 1 - k]);
    }

    /** Mean with the Student t 1 − alpha interval (n ≥ 2). */
    static Interval meanWithInterval(double[] values, double alpha) {
        int n = values.length;
        double mean = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double half = TDistribution.of(n - 1).inverseSurvivalProbability(alpha / 2) * Math.sqrt(ss / (n - 1) / n);
        return new Interval(mean, mean - half, mean + half);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
