package io.driftwatch.canary.analysis;

import java.util.Arrays;

/**
 * What one model version did during the analysis window.
 *
 * @param version   the model version (not blank)
 * @param latencies per-request latencies in seconds (finite, non-negative; may be empty); copied
 * @param requests  number of requests served (≥ 0)
 * @param errors    number of failed requests (0 ≤ errors ≤ requests); error rate = errors / requests
 * @param labeled   number of requests whose label or correctness is known (≥ 0)
 * @param correct   number of labeled requests predicted correctly (0 ≤ correct ≤ labeled); accuracy = correct /
 *                  labeled
 * @param scores    prediction scores (finite; may be empty); copied
 */
public record VersionSample(String version, double[] latencies, long requests, long errors, long labeled, long correct,
                            double[] scores) {

    public VersionSample {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
        latencies = latencies == null ? new double[0] : latencies.clone();
        scores = scores == null ? new double[0] : scores.clone();
        for (double latency : latencies) {
            if (!(latency >= 0) || Double.isInfinite(latency)) {
                throw new IllegalArgumentException("latencies of " + version
                        + " must be finite and non-negative but contained " + latency);
            }
        }
        for (double score : scores) {
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("scores of " + version + " must be finite but contained " + score);
            }
        }
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException("version " + version + " must have 0 <= errors <= requests but had errors="
                    + errors + ", requests=" + requests);
        }
        if (labeled < 0 || correct < 0 || correct > labeled) {
            throw new IllegalArgumentException("version " + version + " must have 0 <= correct <= labeled but had correct="
                    + correct + ", labeled=" + labeled);
        }
    }

    /** A copy of the latencies. */
    @Override
    public double[] latencies() {
        return latencies.clone();
    }

    /** A copy of the scores. */
    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionSample v && version.equals(v.version) && requests == v.requests
                && errors == v.errors && labeled == v.labeled && correct == v.correct
                && Arrays.equals(latencies, v.latencies) && Arrays.equals(scores, v.scores);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * version.hashCode() + Arrays.hashCode(latencies)) + Arrays.hashCode(scores)
                + Long.hashCode(requests) + Long.hashCode(errors) + Long.hashCode(labeled) + Long.hashCode(correct);
    }

    @Override
    public String toString() {
        return "VersionSample[version=" + version + ", latencies=" + latencies.length + ", requests=" + requests
                + ", errors=" + errors + ", labeled=" + labeled + ", correct=" + correct + ", scores=" + scores.length
                + "]";
    }
}
