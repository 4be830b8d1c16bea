package io.driftwatch.canary.analysis;

/**
 * What an evaluation system already aggregated for one model version over the analysis window:
 * request, error and accuracy counts, and the mean and 99th-percentile latency. Without samples only
 * the reference threshold rules (and the count-based proportion tests) can be applied.
 *
 * @param meanLatencySeconds request-weighted mean latency, or null when unknown
 * @param p99LatencySeconds  the 99th-percentile latency (an upper bound when rows were combined), or null
 */
public record VersionAggregate(String version, long requests, long errors, long labeled, long correct,
                               Double meanLatencySeconds, Double p99LatencySeconds) {

    public VersionAggregate {
        if (requests < 0 || errors < 0 || labeled < 0 || correct < 0 || errors > requests || correct > labeled) {
            throw new IllegalArgumentException("inconsistent counts for version " + version + ": requests=" + requests
                    + ", errors=" + errors + ", labeled=" + labeled + ", correct=" + correct);
        }
    }

    /** The counts as a sample without latencies or scores, for the count-based metrics. */
    VersionSample counts() {
        return new VersionSample(version, new double[0], requests, errors, labeled, correct, new double[0]);
    }
}
