package io.driftwatch.canary.analysis;

import static io.driftwatch.canary.analysis.CanaryAnalysis.confidence;
import static io.driftwatch.canary.analysis.CanaryAnalysis.fmt;

import java.util.List;
import java.util.Set;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;

/**
 * Shadow analysis: the candidate scored the same requests as production (pairs joined by request id), so every
 * comparison is paired. Differences are candidate − production.
 * <ul>
 *   <li>{@code agreement}: share of pairs with |score difference| ≤ {@code agreementTolerance}; FAIL if below
 *       {@code minAgreement}. Interval: Wald 1 − alpha, informational.</li>
 *   <li>{@code score_difference}: mean score difference with its Student t 1 − alpha interval and the two-sided
 *       Wilcoxon signed-rank p-value; FAIL if the interval lies entirely outside [−agreementTolerance,
 *       +agreementTolerance], i.e. the candidate is systematically shifted by more than the tolerance.</li>
 *   <li>{@code latency}: median paired latency difference with its distribution-free (sign-test) 1 − alpha interval;
 *       FAIL if the median exceeds {@code maxLatencyIncreaseSeconds} and the interval lies above 0. The one-sided
 *       Wilcoxon signed-rank p-value (candidate slower) is reported.</li>
 *   <li>{@code error_rate}: FAIL if the candidate error rate exceeds {@code maxErrorRateRatio} × production's and
 *       a one-sided McNemar test (normal approximation, no continuity correction, on the discordant pairs: z =
 *       (b − c)/√(b + c), b = only the candidate failed, c = only production failed) gives p &lt; alpha.</li>
 * </ul>
 * Fewer than {@code minSamples} pairs make every metric NO_DATA; verdict as in {@link CanaryAnalysis}, with every
 * shadow metric required.
 */
final class ShadowAnalysis {

    static final Set<String> REQUIRED = Set.of("agreement", "score_difference", "latency", "error_rate");

    private ShadowAnalysis() {
    }

    static CanaryResult analyse(List<ShadowPair> pairs, CanaryThresholds t) {
        if (pairs == null || t == null) {
            throw new IllegalArgumentException("pairs and thresholds must not be null");
        }
        int n = pairs.size();
        double[] scoreDiff = new double[n];
        double[] latencyDiff = new double[n];
        double[] prodScores = new double[n];
        double[] candScores = new double[n];
        long prodErrors = 0;
        long candErrors = 0;
        long onlyCandidate = 0;
        long onlyProduction = 0;
        for (int i = 0; i < n; i++) {
            ShadowPair p = pairs.get(i);
            if (p == null) {
                throw new IllegalArgumentException("shadow pair " + i + " must not be null");
            }
            prodScores[i] = p.productionScore();
            candScores[i] = p.candidateScore();
            scoreDiff[i] = p.candidateScore() - p.productionScore();
            latencyDiff[i] = p.candidateLatency() - p.productionLatency();
            prodErrors += p.productionError() ? 1 : 0;
            candErrors += p.candidateError() ? 1 : 0;
            onlyCandidate += p.candidateError() && !p.productionError() ? 1 : 0;
            onlyProduction += p.productionError() && !p.candidateError() ? 1 : 0;
        }
        if (n < t.minSamples()) {
            String why = "shadow pairs=" + n + ", below minSamples " + t.minSamples();
            return CanaryAnalysis.verdict(List.of(
                    MetricResult.noData("agreement", agreementRule(t), why),
                    MetricResult.noData("score_difference", differenceRule(t), why),
                    MetricResult.noData("latency", latencyRule(t), why),
                    MetricResult.noData("error_rate", errorRule(t), why)), REQUIRED);
        }
        return CanaryAnalysis.verdict(List.of(
                agreement(scoreDiff, t),
                scoreDifference(scoreDiff, prodScores, candScores, t),
                latency(latencyDiff, t),
                errorRate(n, prodErrors, candErrors, onlyCandidate, onlyProduction, t)), REQUIRED);
    }

    static MetricResult agreement(double[] diff, CanaryThresholds t) {
        int n = diff.length;
        long agreeing = 0;
        for (double d : diff) {
            agreeing += Math.abs(d) <= t.agreementTolerance() ? 1 : 0;
        }
        double share = (double) agreeing / n;
        double half = CanaryStatistics.zTwoSided(t.alpha()) * Math.sqrt(share * (1 - share) / n);
        boolean fail = share < t.minAgreement();
        String reason = "agreement " + fmt(share) + " (" + agreeing + "/" + n + " pairs within "
                + t.agreementTolerance() + ")" + (fail ? " < " : " >= ") + "minAgreement " + t.minAgreement();
        return new MetricResult("agreement", fail ? Classification.FAIL : Classification.PASS, null, share, share,
                Math.max(0, share - half), Math.min(1, share + half), null, agreementRule(t), reason);
    }

    static MetricResult scoreDifference(double[] diff, double[] prod, double[] cand, CanaryThresholds t) {
        CanaryStatistics.Interval mean = CanaryStatistics.meanWithInterval(diff, t.alpha());
        Double p = hasNonZero(diff) ? CanaryStatistics.wilcoxonPValue(diff, AlternativeHypothesis.TWO_SIDED) : null;
        double tol = t.agreementTolerance();
        boolean fail = mean.low() > tol || mean.high() < -tol;
        String reason = "mean score difference " + fmt(mean.estimate()) + " [" + fmt(mean.low()) + ", "
                + fmt(mean.high()) + "], Wilcoxon p=" + fmt(p) + (fail ? ": interval outside " : ": interval meets ")
                + "+/-" + tol;
        return new MetricResult("score_difference", fail ? Classification.FAIL : Classification.PASS,
                CanaryStatistics.mean(prod), CanaryStatistics.mean(cand), mean.estimate(), mean.low(), mean.high(), p,
                differenceRule(t), reason);
    }

    static MetricResult latency(double[] diff, CanaryThresholds t) {
        CanaryStatistics.Interval median = CanaryStatistics.medianWithInterval(diff, t.alpha());
        Double p = hasNonZero(diff) ? CanaryStatistics.wilcoxonPValue(diff, AlternativeHypothesis.GREATER_THAN)
                : null;
        boolean exceeded = median.estimate() > t.maxLatencyIncreaseSeconds();
        boolean fail = exceeded && median.low() > 0;
        String reason = "median latency increase " + fmt(median.estimate()) + " s [" + fmt(median.low()) + ", "
                + fmt(median.high()) + "], one-sided Wilcoxon p=" + fmt(p)
                + (fail ? ": exceeds " : exceeded ? ": exceeds but interval includes 0 (noise), limit " : ": within ")
                + t.maxLatencyIncreaseSeconds() + " s";
        return new MetricResult("latency", fail ? Classification.FAIL : Classification.PASS, null, null,
                median.estimate(), median.low(), median.high(), p, latencyRule(t), reason);
    }

    static MetricResult errorRate(int n, long prodErrors, long candErrors, long onlyCandidate, long onlyProduction,
                                  CanaryThresholds t) {
        double rp = (double) prodErrors / n;
        double rc = (double) candErrors / n;
        Double p = mcNemarGreater(onlyCandidate, onlyProduction);
        boolean crossed = rc > t.maxErrorRateRatio() * rp;
        boolean fail = crossed && p != null && p < t.alpha();
        String reason = "candidate error rate " + fmt(rc) + " vs " + t.maxErrorRateRatio() + " x production "
                + fmt(rp) + ", McNemar p=" + fmt(p) + (fail ? ": exceeded and significant"
                : crossed ? ": exceeded but not significant (noise)" : ": within the rule");
        return new MetricResult("error_rate", fail ? Classification.FAIL : Classification.PASS, rp, rc,
                rp > 0 ? rc / rp : null, null, null, p, errorRule(t), reason);
    }

    /** One-sided McNemar p-value that the candidate fails more often; null without discordant pairs. */
    static Double mcNemarGreater(long onlyCandidate, long onlyProduction) {
        long discordant = onlyCandidate + onlyProduction;
        if (discordant == 0) {
            return null;
        }
        double z = (onlyCandidate - onlyProduction) / Math.sqrt(discordant);
        return NormalDistribution.of(0, 1).survivalProbability(z);
    }

    private static boolean hasNonZero(double[] values) {
        for (double v : values) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    private static String agreementRule(CanaryThresholds t) {
        return "share of pairs with |score difference| <= " + t.agreementTolerance() + " >= " + t.minAgreement();
    }

    private static String differenceRule(CanaryThresholds t) {
        return "mean score difference " + confidence(t) + " interval must meet +/-" + t.agreementTolerance();
    }

    private static String latencyRule(CanaryThresholds t) {
        return "median paired latency increase <= " + t.maxLatencyIncreaseSeconds()
                + " s, FAIL only if exceeded and its " + confidence(t) + " interval is above 0";
    }

    private static String errorRule(CanaryThresholds t) {
        return "candidate error rate <= " + t.maxErrorRateRatio()
                + " x production, FAIL only if crossed and significant (one-sided McNemar, alpha " + t.alpha() + ")";
    }
}
