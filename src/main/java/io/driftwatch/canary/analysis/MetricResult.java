package io.driftwatch.canary.analysis;

/**
 * The comparison of one metric between baseline and candidate.
 *
 * @param metric         the metric name, e.g. {@code "latency"}, {@code "accuracy"}
 * @param classification PASS, FAIL or NO_DATA
 * @param baseline       the baseline's value of the metric (null when it has no data)
 * @param candidate      the candidate's value of the metric (null when it has no data)
 * @param effectSize     the estimated change, candidate minus baseline in the metric's unit (for the error rate the
 *                       ratio candidate / baseline), or null
 * @param ciLow          lower bound of the confidence interval of the effect size, or null
 * @param ciHigh         upper bound of the confidence interval of the effect size, or null
 * @param pValue         the p-value of the metric's hypothesis test, or null when no test applies
 * @param rule           the rule applied, in words with its threshold
 * @param reason         why the metric got its classification, naming the values compared
 */
public record MetricResult(String metric, Classification classification, Double baseline, Double candidate,
                           Double effectSize, Double ciLow, Double ciHigh, Double pValue, String rule, String reason) {

    public MetricResult {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be blank");
        }
        if (classification == null) {
            throw new IllegalArgumentException("classification of " + metric + " must not be null");
        }
        if (pValue != null && !(pValue >= 0.0 && pValue <= 1.0)) {
            throw new IllegalArgumentException("p-value of " + metric + " must be within [0, 1] but was " + pValue);
        }
        if (ciLow != null && ciHigh != null && ciLow > ciHigh) {
            throw new IllegalArgumentException("interval of " + metric + " must have ciLow <= ciHigh but was ["
                    + ciLow + ", " + ciHigh + "]");
        }
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("rule of " + metric + " must not be blank");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason of " + metric + " must not be blank");
        }
    }

    static MetricResult noData(String metric, String rule, String reason) {
        return new MetricResult(metric, Classification.NO_DATA, null, null, null, null, null, null, rule, reason);
    }
}
