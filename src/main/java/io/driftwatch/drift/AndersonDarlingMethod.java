package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

import java.util.Map;

/**
 * k-sample Anderson-Darling test (k = 2), configuration name {@code "anderson_darling"}, for numeric features:
 * {@code scipy.stats.anderson_ksamp([baseline, current], variant="midrank")}, the version of Scholz and Stephens
 * (1987, eq. 7) that handles ties, which Evidently's {@code anderson} calls.
 * <p>
 * The score is scipy's standardised statistic {@code (A2akN − 1) / sigma_N}, computed exactly from the value
 * counts; it is negative when the samples agree better than expected (identical windows give about −1.1 at these
 * sizes, not 0). The p-value is scipy's: the significance levels 0.25 ... 0.001 of Scholz and Stephens' table,
 * interpolated by a quadratic fit of log(level) on the critical values and capped to [0.001, 0.25]
 * ({@code p_value_capped} says when); weights the tails more than KS. Drifted when p &lt; threshold (default 0.05;
 * Evidently uses 0.1). Convention: {@code anderson_darling:k-sample,variant=midrank,pvalue=scholz-stephens-table}.
 * <p>
 * Edge cases: fewer than 4 values in both windows together, or the settings' min count not met, is
 * {@link DriftStatus#INSUFFICIENT_DATA}; a single distinct value across both windows (identical constant windows)
 * is {@link DriftStatus#UNDEFINED}, not drifted, as the statistic is 0/0; a sketch-mode profile is
 * {@link DriftStatus#UNSUPPORTED}, because midranks need every tie count.
 */
final class AndersonDarlingMethod extends BuiltInMethod {

    static final String NAME = "anderson_darling";
    static final String CONVENTION = NAME + ":k-sample,variant=midrank,pvalue=scholz-stephens-table";
    /** Significance levels of scipy's table. */
    private static final double[] LEVELS = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
    /** Critical values for two samples (m = k − 1 = 1): b0 + b1 / sqrt(m) + b2 / m of Scholz and Stephens' Table 2. */
    private static final double[] CRITICAL = critical();
    /** scipy's {@code np.polyfit(critical, log(levels), 2)}, highest power first. */
    private static final double[] FIT = quadraticFit(CRITICAL, logs(LEVELS));

    AndersonDarlingMethod() {
        super(NAME, NUMERIC_ONLY, ThresholdKind.P_VALUE_BELOW, 0.05, CONVENTION);
    }

    @Override
    String insufficientDataReason(FeatureProfile baseline, FeatureProfile current, long minCount) {
        String reason = MethodSupport.insufficientDataReason(baseline, current, minCount);
        if (reason == null && baseline.count() + current.count() < 4) {
            return "anderson_darling needs at least 4 values in both windows together but has "
                    + (baseline.count() + current.count());
        }
        return reason;
    }

    @Override
    DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                         Map<String, Object> details) {
        NumericProfile b = (NumericProfile) baseline;
        NumericProfile c = (NumericProfile) current;
        if (!b.isExact() || !c.isExact()) {
            details.put("exact", false);
            return DriftResult.unsupported(NAME, CONVENTION, settings.threshold(), "a profile is in sketch mode, but"
                    + " the midrank statistic needs the exact count of every value; use ks on exact profiles or"
                    + " linf / wasserstein_norm on sketches", details);
        }
        details.put("exact", true);
        EmpiricalCdfs cdfs = EmpiricalCdfs.of(b, c);
        if (cdfs.points().length < 2) {
            return DriftResult.undefined(NAME, CONVENTION, settings.threshold(), false, "both windows hold the single"
                    + " value " + cdfs.points()[0] + ": the distributions are identical but the statistic is 0/0",
                    details);
        }
        double statistic = standardised(midrankStatistic(cdfs), b.count() + c.count(), b.count(), c.count());
        double p;
        if (statistic < min(CRITICAL)) {
            p = LEVELS[0];
            details.put("p_value_capped", "at most " + LEVELS[0] + " reported; the true p-value is larger");
        } else if (statistic > max(CRITICAL)) {
            p = LEVELS[LEVELS.length - 1];
            details.put("p_value_capped", "at least " + LEVELS[LEVELS.length - 1]
                    + " reported; the true p-value is smaller");
        } else {
            p = Math.exp((FIT[0] * statistic + FIT[1]) * statistic + FIT[2]);
        }
        return verdict(CONVENTION, statistic, p, settings, details);
    }

    /** Scholz and Stephens' A2akN (eq. 7) for two samples, from the pooled distinct values and cumulative counts. */
    static double midrankStatistic(EmpiricalCdfs cdfs) {
        double[] points = cdfs.points();
        long[][] cumulative = {cdfs.baselineAtOrBelow(), cdfs.currentAtOrBelow()};
        double[] sizes = {cdfs.baselineCount(), cdfs.currentCount()};
        double total = sizes[0] + sizes[1];
        double statistic = 0.0;
        for (int sample = 0; sample < 2; sample++) {
            double[] inner = new double[points.length];
            for (int j = 0; j < points.length; j++) {
                long sampleBelow = j == 0 ? 0 : cumulative[sample][j - 1];
                long pooledBelow = j == 0 ? 0 : cumulative[0][j - 1] + cumulative[1][j - 1];
                double tied = (double) (cumulative[0][j] + cumulative[1][j] - pooledBelow);
                double midrank = pooledBelow + tied / 2.0;
                double sampleTied = cumulative[sample][j] - sampleBelow;
                double sampleMidrank = cumulative[sample][j] - sampleTied / 2.0;
                double deviation = total * sampleMidrank - midrank * sizes[sample];
                inner[j] = tied / total * (deviation * deviation)
                        / (midrank * (total - midrank) - total * tied / 4.0);
            }
            statistic += MethodSupport.sum(inner) / sizes[sample];
        }
        return statistic * ((total - 1.0) / total);
    }

    /** scipy's standardisation (A2akN − (k − 1)) / sigma_N for k = 2 samples of sizes n1, n2 (N = n1 + n2). */
    static double standardised(double a2akn, long pooled, long n1, long n2) {
        double big = pooled;
        double k = 2;
        double h1 = 1.0 / n1 + 1.0 / n2;
        // hs_cs = cumsum(1 / arange(N - 1, 1, -1)); h = hs_cs[-1] + 1; g = sum(hs_cs / arange(2, N))
        // Streamed with Neumaier compensation rather than stored: N can be in the millions.
        double running = 0.0;
        double g = 0.0;
        double compensation = 0.0;
        for (long i = pooled - 1, t = 0; i > 1; i--, t++) {
            running += 1.0 / i;
            double term = running / (t + 2);
            double next = g + term;
            compensation += Math.abs(g) >= Math.abs(term) ? (g - next) + term : (term - next) + g;
            g = next;
        }
        g += compensation;
        double h = running + 1;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * h1;
        double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * h1 - 8 * h + 4 * g - 6;
        double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * h1 + 4 * h;
        double d = (2 * h + 6) * k * k - 4 * h * k;
        double sigmaSquared = (a * big * big * big + b * big * big + c * big + d)
                / ((big - 1.0) * (big - 2.0) * (big - 3.0));
        return (a2akn - (k - 1)) / Math.sqrt(sigmaSquared);
    }

    private static double[] critical() {
        double[] b0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
        double[] b1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
        double[] b2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
        double m = 1;
        double[] critical = new double[b0.length];
        for (int i = 0; i < b0.length; i++) {
            critical[i] = b0[i] + b1[i] / Math.sqrt(m) + b2[i] / m;
        }
        return critical;
    }

    private static double[] logs(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }

    /** Least-squares y ≈ a x² + b x + c by Householder QR of the Vandermonde matrix; returns {a, b, c}. */
    static double[] quadraticFit(double[] x, double[] y) {
        int rows = x.length;
        double[][] a = new double[rows][3];
        double[] rhs = y.clone();
        for (int i = 0; i < rows; i++) {
            a[i][0] = x[i] * x[i];
            a[i][1] = x[i];
            a[i][2] = 1.0;
        }
        for (int col = 0; col < 3; col++) {
            double norm = 0.0;
            for (int i = col; i < rows; i++) {
                norm = Math.hypot(norm, a[i][col]);
            }
            double alpha = a[col][col] > 0 ? -norm : norm;
            double[] v = new double[rows];
            for (int i = col; i < rows; i++) {
                v[i] = a[i][col];
            }
            v[col] -= alpha;
            double vv = 0.0;
            for (int i = col; i < rows; i++) {
                vv += v[i] * v[i];
            }
            for (int j = col; j < 3; j++) {
                double dot = 0.0;
                for (int i = col; i < rows; i++) {
                    dot += v[i] * a[i][j];
                }
                for (int i = col; i < rows; i++) {
                    a[i][j] -= 2 * dot / vv * v[i];
                }
            }
            double dot = 0.0;
            for (int i = col; i < rows; i++) {
                dot += v[i] * rhs[i];
            }
            for (int i = col; i < rows; i++) {
                rhs[i] -= 2 * dot / vv * v[i];
            }
        }
        double[] coefficients = new double[3];
        for (int row = 2; row >= 0; row--) {
            double value = rhs[row];
            for (int j = row + 1; j < 3; j++) {
                value -= a[row][j] * coefficients[j];
            }
            coefficients[row] = value / a[row][row];
        }
        return coefficients;
    }

    private static double min(double[] values) {
        double result = Double.POSITIVE_INFINITY;
        for (double v : values) {
            result = Math.min(result, v);
        }
        return result;
    }

    private static double max(double[] values) {
        double result = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            result = Math.max(result, v);
        }
        return result;
    }
}
