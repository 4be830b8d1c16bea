package io.driftwatch.canary.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Canary analysis from pre-aggregated metrics per version. {@code accuracy} and {@code error_rate}
 * are judged exactly as from logs (their tests need only counts); {@code latency} compares the mean
 * latency with the reference rule (increase ≤ maxLatencyIncreaseSeconds) and {@code latency_p99} the
 * 99th percentiles (increase ≤ maxP99IncreaseSeconds), as plain thresholds: without samples there
 * is no interval, so noise is not separated from a regression. Prefer prediction logs where they exist.
 */
final class AggregateAnalysis {

    private AggregateAnalysis() {
    }

    static CanaryResult analyse(VersionAggregate baseline, VersionAggregate candidate, CanaryThresholds t) {
        List<MetricResult> metrics = new ArrayList<>();
        metrics.add(CanaryAnalysis.accuracy(baseline.counts(), candidate.counts(), t));
        metrics.add(CanaryAnalysis.errorRate(baseline.errors(), baseline.requests(), candidate.errors(),
                candidate.requests(), t));
        boolean enough = baseline.requests() >= t.minSamples() && candidate.requests() >= t.minSamples();
        metrics.add(threshold("latency", baseline.meanLatencySeconds(), candidate.meanLatencySeconds(),
                t.maxLatencyIncreaseSeconds(), enough, "mean latency increase <= " + t.maxLatencyIncreaseSeconds()
                        + " s (aggregates: threshold only)", t));
        metrics.add(threshold("latency_p99", baseline.p99LatencySeconds(), candidate.p99LatencySeconds(),
                t.maxP99IncreaseSeconds(), enough, "p99 latency increase <= " + t.maxP99IncreaseSeconds()
                        + " s (aggregates: threshold only)", t));
        return CanaryAnalysis.verdict(metrics, CanaryAnalysis.REQUIRED);
    }

    private static MetricResult threshold(String metric, Double b, Double c, double maxIncrease, boolean enough, String rule,
                                          CanaryThresholds t) {
        if (!enough || b == null || c == null) {
            return MetricResult.noData(metric, rule, !enough ? "fewer than minSamples " + t.minSamples() + " requests"
                    : "latency not reported for " + (b == null ? "the baseline" : "the candidate"));
        }
        double increase = c - b;
        boolean fail = increase > maxIncrease;
        String reason = String.format(Locale.ROOT, "%s %.4g s -> %.4g s: increase %.4g s %s %s s", metric, b, c, increase,
                fail ? ">" : "<=", maxIncrease);
        return new MetricResult(metric, fail ? Classification.FAIL : Classification.PASS, b, c, increase, null, null, null,
                rule, reason);
    }
}
