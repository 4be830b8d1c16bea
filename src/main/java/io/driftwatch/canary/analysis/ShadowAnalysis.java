package io.driftwatch.canary.analysis;

import static io.driftwatch.canary.analysis.CanaryAnalysis.confidence;
import static io.driftwatch.canary.analysis.CanaryAnalysis.fmt;

import java.util.List;
import java.util.Set;
import java.util.stream.DoubleStream;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;

/**
 * Shadow analysis: the candidate scored the same requests as production (joined by request id), so every
 * comparison is paired. The requests are those production logged in the window; differences are candidate −
 * production.
 * <ul>
 *   <li>{@code agreement}: share of <em>scored pairs</em> (both answered without error and with a score) with
 *       |score difference| ≤ {@code agreementTolerance}; FAIL if below {@code minAgreement}. Interval: Wald
 *       1 − alpha, informational.</li>
 *   <li>{@code score_difference}: mean score difference over the scored pairs with its Student t 1 − alpha interval
 *       and the two-sided Wilcoxon signed-rank p-value; FAIL if the interval lies entirely outside
 *       [−agreementTolerance, +agreementTolerance], i.e. the candidate is systematically shifted by more than the
 *       tolerance.</li>
 *   <li>{@code latency}: median paired latency difference over the pairs where both answered without error with a
 *       latency, with its distribution-free (sign-test) 1 − alpha interval; FAIL if the median exceeds
 *       {@code maxLatencyIncreaseSeconds} and the interval lies above 0. The one-sided Wilcoxon signed-rank p-value
 *       (candidate slower) is reported.</li>
 *   <li>{@code error_rate}: over every request. The candidate <em>failed</em> a request when it logged an error or
 *       did not log the request at all (a missing response); production failed when it logged an error. FAIL if
 *       the candidate failure rate exceeds {@code maxErrorRateRatio} × production's and a one-sided McNemar test
 *       (normal approximation, no continuity correction, on the discordant pairs: z = (b − c)/√(b + c), b = only
 *       the candidate failed, c = only production failed) gives p &lt; alpha. NO_DATA when the candidate logged
 *       none of the requests: it is not receiving shadow traffic (or logs under other request ids), which is not
 *       evidence of failure.</li>
 * </ul>
 * A metric with fewer than {@code minSamples} pairs (requests for the error rate) is NO_DATA; verdict as in
 * {@link CanaryAnalysis}, with every shadow metric required.
 */
final class ShadowAnalysis {

    static final Set<String> REQUIRED = Set.of("agreement", "score_difference", "latency", "error_rate");

    private ShadowAnalysis() {
    }

    static CanaryResult analyse(List<ShadowPair> pairs, CanaryThresholds t) {
        if (pairs == null || t == null) {
            throw new IllegalArgumentException("pairs and thresholds must not be null");
        }
        DoubleStream.Builder scoreDiff = DoubleStream.builder();
        DoubleStream.Builder prodScores = DoubleStream.builder();
        DoubleStream.Builder candScores = DoubleStream.builder();
        DoubleStream.Builder latencyDiff = DoubleStream.builder();
        Failures failures = new Failures();
        for (int i = 0; i < pairs.size(); i++) {
            ShadowPair p = pairs.get(i);
            if (p == null) {
                throw new IllegalArgumentException("shadow pair " + i + " must not be null");
            }
            failures.add(p);
            if (p.scored()) {
                prodScores.add(p.production().score());
                candScores.add(p.candidate().score());
                scoreDiff.add(p.candidate().score() - p.production().score());
            }
            if (p.timed()) {
                latencyDiff.add(p.candidate().latencySeconds() - p.production().latencySeconds());
            }
        }
        double[] diff = scoreDiff.build().toArray();
        double[] latency = latencyDiff.build().toArray();
        String scoredTooFew = diff.length < t.minSamples()
                ? "scored pairs=" + diff.length + " (both answered with a score), below minSamples " + t.minSamples()
                : null;
        return CanaryAnalysis.verdict(List.of(
                scoredTooFew != null ? MetricResult.noData("agreement", agreementRule(t), scoredTooFew)
                        : agreement(diff, t),
                scoredTooFew != null ? MetricResult.noData("score_difference", differenceRule(t), scoredTooFew)
                        : scoreDifference(diff, prodScores.build().toArray(), candScores.build().toArray(), t),
                latency.length < t.minSamples() ? MetricResult.noData("latency", latencyRule(t), "timed pairs="
                        + latency.length + " (both answered with a latency), below minSamples " + t.minSamples())
                        : latency(latency, t),
                errorRate(failures, t)), REQUIRED);
    }

    /** Failure counts over all requests: a candidate failure is a logged error or a missing response. */
    static final class Failures {
        long requests;
        long candidateLogged;
        long productionFailed;
        long candidateErrors;
        long candidateMissing;
        long onlyCandidate;
        long onlyProduction;

        void add(ShadowPair p) {
            requests++;
            candidateLogged += p.candidateLogged() ? 1 : 0;
            productionFailed += p.production().error() ? 1 : 0;
            candidateErrors += p.candidateLogged() && p.candidate().error() ? 1 : 0;
            candidateMissing += p.candidateLogged() ? 0 : 1;
            onlyCandidate += p.candidateFailed() && !p.production().error() ? 1 : 0;
            onlyProduction += p.production().error() && !p.candidateFailed() ? 1 : 0;
        }

        long candidateFailed() {
            return candidateErrors + candidateMissing;
        }
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

    static MetricResult errorRate(Failures f, CanaryThresholds t) {
        if (f.requests < t.minSamples()) {
            return MetricResult.noData("error_rate", errorRule(t), "requests=" + f.requests + ", below minSamples "
                    + t.minSamples());
        }
        if (f.candidateLogged == 0) {
            return MetricResult.noData("error_rate", errorRule(t), "the candidate logged none of production's "
                    + f.requests + " requests: is it receiving shadow traffic, under the same request ids?");
        }
        double rp = (double) f.productionFailed / f.requests;
        double rc = (double) f.candidateFailed() / f.requests;
        Double p = mcNemarGreater(f.onlyCandidate, f.onlyProduction);
        boolean crossed = rc > t.maxErrorRateRatio() * rp;
        boolean fail = crossed && p != null && p < t.alpha();
        String reason = "candidate failure rate " + fmt(rc) + " (" + f.candidateErrors + " errors, " + f.candidateMissing
                + " missing responses of " + f.requests + " requests) vs " + t.maxErrorRateRatio() + " x production "
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
        return "candidate failure rate (errors and missing responses) <= " + t.maxErrorRateRatio()
                + " x production, FAIL only if crossed and significant (one-sided McNemar, alpha " + t.alpha() + ")";
    }
}
