package io.driftwatch.canary.analysis;

import java.util.List;

/**
 * The verdict of one canary or shadow analysis.
 *
 * @param verdict the decision
 * @param reason  a one-line explanation naming the failing (or missing) metrics
 * @param metrics every metric evaluated, in a fixed order; copied into an unmodifiable list
 */
public record CanaryResult(Verdict verdict, String reason, List<MetricResult> metrics) {

    public CanaryResult {
        if (verdict == null) {
            throw new IllegalArgumentException("verdict must not be null");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        if (metrics == null) {
            throw new IllegalArgumentException("metrics must not be null");
        }
        metrics = List.copyOf(metrics);
    }

    /** The metric with the given name, if evaluated. */
    public java.util.Optional<MetricResult> metric(String name) {
        return metrics.stream().filter(m -> m.metric().equals(name)).findFirst();
    }
}
