package io.driftwatch.canary.analysis;

import java.util.Arrays;
import java.util.stream.DoubleStream;

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
 * @param skippedRows rows left out because they held {@linkplain LoggedValues unusable values} (≥ 0); informational
 */
public record VersionSample(String version, double[] latencies, long requests, long errors, long labeled, long correct,
                            double[] scores, long skippedRows) {

    /** A sample from which no row was skipped. */
    public VersionSample(String version, double[] latencies, long requests, long errors, long labeled, long correct,
                         double[] scores) {
        this(version, latencies, requests, errors, labeled, correct, scores, 0);
    }

    public VersionSample {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
        latencies = latencies == null ? new double[0] : latencies.clone();
        scores = scores == null ? new double[0] : scores.clone();
        for (double latency : latencies) {
            if (!LoggedValues.usableLatency(latency)) {
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
        if (skippedRows < 0) {
            throw new IllegalArgumentException("version " + version + " must have skippedRows >= 0 but had " + skippedRows);
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
                && errors == v.errors && labeled == v.labeled && correct == v.correct && skippedRows == v.skippedRows
                && Arrays.equals(latencies, v.latencies) && Arrays.equals(scores, v.scores);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * version.hashCode() + Arrays.hashCode(latencies)) + Arrays.hashCode(scores)
                + Long.hashCode(requests) + Long.hashCode(errors) + Long.hashCode(labeled) + Long.hashCode(correct)
                + Long.hashCode(skippedRows);
    }

    @Override
    public String toString() {
        return "VersionSample[version=" + version + ", latencies=" + latencies.length + ", requests=" + requests
                + ", errors=" + errors + ", labeled=" + labeled + ", correct=" + correct + ", scores=" + scores.length
                + ", skippedRows=" + skippedRows + "]";
    }

    /** Collects a version's logged requests one row at a time, skipping and counting unusable rows. */
    public static final class Builder {

        private final String version;
        private final DoubleStream.Builder latencies = DoubleStream.builder();
        private final DoubleStream.Builder scores = DoubleStream.builder();
        private long requests;
        private long errors;
        private long labeled;
        private long correct;
        private long skipped;

        public Builder(String version) {
            this.version = version;
        }

        /**
         * One logged request; null values were not logged. A row with an {@linkplain LoggedValues unusable} latency
         * or score is skipped whole and counted.
         */
        public Builder add(Double latencySeconds, boolean error, Double score, Boolean wasCorrect) {
            if (!LoggedValues.usable(latencySeconds, score)) {
                skipped++;
                return this;
            }
            requests++;
            errors += error ? 1 : 0;
            if (latencySeconds != null) {
                latencies.add(latencySeconds);
            }
            if (score != null) {
                scores.add(score);
            }
            if (wasCorrect != null) {
                labeled++;
                correct += wasCorrect ? 1 : 0;
            }
            return this;
        }

        public VersionSample build() {
            return new VersionSample(version, latencies.build().toArray(), requests, errors, labeled, correct,
                    scores.build().toArray(), skipped);
        }
    }
}
