package io.driftwatch.canary.analysis;

/**
 * One request scored by both the production model and the shadow candidate, joined by request id.
 *
 * @param productionScore   the production model's prediction score
 * @param candidateScore    the candidate's prediction score for the same request
 * @param productionLatency the production model's latency in seconds (finite, non-negative)
 * @param candidateLatency  the candidate's latency in seconds (finite, non-negative)
 * @param productionError   whether the production model failed on the request
 * @param candidateError    whether the candidate failed on the request
 */
public record ShadowPair(double productionScore, double candidateScore, double productionLatency,
                         double candidateLatency, boolean productionError, boolean candidateError) {

    public ShadowPair {
        if (!Double.isFinite(productionScore) || !Double.isFinite(candidateScore)) {
            throw new IllegalArgumentException("scores must be finite but were production=" + productionScore
                    + ", candidate=" + candidateScore);
        }
        if (!(productionLatency >= 0) || !(candidateLatency >= 0)
                || Double.isInfinite(productionLatency) || Double.isInfinite(candidateLatency)) {
            throw new IllegalArgumentException("latencies must be finite and non-negative but were production="
                    + productionLatency + ", candidate=" + candidateLatency);
        }
    }
}
