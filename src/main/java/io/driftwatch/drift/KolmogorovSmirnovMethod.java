package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

import java.util.Map;

/**
 * Two-sample Kolmogorov-Smirnov test, configuration name {@code "ks"}, for numeric features: a hypothesis test
 * whose verdict is its p-value, as Evidently's {@code ks} and alibi-detect's {@code KSDrift}.
 * <p>
 * Statistic D = max_x |F_baseline(x) − F_current(x)| over the empirical CDFs of the finite values, exact from the
 * profiles' value counts (the result's score); the two-sided p-value comes from commons-statistics (see
 * {@link KolmogorovSmirnovPValue}), matching {@code scipy.stats.ks_2samp(baseline, current)}. Drifted when
 * p &lt; threshold (default 0.05; Evidently flags p ≤ 0.05, which differs only for a p-value of exactly 0.05).
 * Convention: {@code ks:two-sided,pvalue=exact-below-10000-else-asymptotic}.
 * <p>
 * On large windows any tiny difference becomes significant: the test answers "are these the same distribution?",
 * not "did it move enough to matter?". For an effect-size threshold on the same D use {@code linf}.
 * <p>
 * Edge cases: each window needs at least 2 values (and the settings' min count), otherwise
 * {@link DriftStatus#INSUFFICIENT_DATA}. A sketch-mode profile gives {@link DriftStatus#UNSUPPORTED}: at the sizes
 * that make a profile sketch, a D off by the sketch's error (up to 0.001) moves the p-value across any threshold;
 * the estimated D is still reported as {@code statistic_estimate}. So does an effective size nm/(n+m) above
 * 2,097,152.
 */
final class KolmogorovSmirnovMethod extends BuiltInMethod {

    static final String NAME = "ks";
    static final String CONVENTION = NAME + ":two-sided,pvalue=exact-below-10000-else-asymptotic";

    KolmogorovSmirnovMethod() {
        super(NAME, NUMERIC_ONLY, ThresholdKind.P_VALUE_BELOW, 0.05, CONVENTION);
    }

    @Override
    String insufficientDataReason(FeatureProfile baseline, FeatureProfile current, long minCount) {
        return MethodSupport.insufficientDataReason(baseline, current, Math.max(2, minCount));
    }

    @Override
    DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                         Map<String, Object> details) {
        NumericProfile b = (NumericProfile) baseline;
        NumericProfile c = (NumericProfile) current;
        EmpiricalCdfs cdfs = EmpiricalCdfs.of(b, c);
        details.put("exact", cdfs.exact());
        if (!cdfs.exact()) {
            details.put("statistic_estimate", cdfs.maxCdfDifference());
            return DriftResult.unsupported(NAME, CONVENTION, settings.threshold(), "a profile is in sketch mode, so"
                    + " D is an estimate and its p-value would not be honest at this sample size; use linf for an"
                    + " effect-size threshold on D", details);
        }
        long n = b.count();
        long m = c.count();
        if (!KolmogorovSmirnovPValue.supports(n, m)) {
            details.put("statistic_estimate", cdfs.maxCdfDifference());
            return DriftResult.unsupported(NAME, CONVENTION, settings.threshold(), "the effective sample size"
                    + " nm/(n+m) exceeds " + KolmogorovSmirnovPValue.MAX_EFFECTIVE_SIZE + ", where any visible"
                    + " difference is significant; use linf for an effect-size threshold on D", details);
        }
        Statistic statistic = Statistic.of(cdfs);
        double p = KolmogorovSmirnovPValue.of(statistic.baselineBelow, n, statistic.currentBelow, m, statistic.d);
        details.put("p_value_method", KolmogorovSmirnovPValue.method(n, m));
        if (statistic.d > 0) {
            details.put("location", statistic.location);
        }
        return verdict(CONVENTION, statistic.d, p, settings, details);
    }

    /** D as commons-statistics computes it from the integer statistic, and where it is first reached. */
    record Statistic(double d, double location, long baselineBelow, long currentBelow) {

        static Statistic of(EmpiricalCdfs cdfs) {
            long n = cdfs.baselineCount();
            long m = cdfs.currentCount();
            long[] integral = cdfs.integralKolmogorovSmirnov();
            int at = (int) integral[1];
            long gcd = gcd(n, m);
            // (dnm / gcd) / (n * (m / gcd)): one rounding, exactly as commons-statistics' computeD.
            double d = (integral[0] / gcd) / ((double) n * (m / gcd));
            return new Statistic(d, cdfs.points()[at], cdfs.baselineAtOrBelow()[at], cdfs.currentAtOrBelow()[at]);
        }

        private static long gcd(long a, long b) {
            while (b != 0) {
                long t = a % b;
                a = b;
                b = t;
            }
            return a;
        }
    }
}
