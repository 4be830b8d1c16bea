package io.driftwatch.canary.analysis;

/**
 * What an evaluation system already aggregated for one model version over the analysis window:
 * request, error and accuracy counts, and the mean and 99th-percentile latency. Without samples only
 * the reference threshold rules (and the count-based proportion tests) can be applied.
 *
 * @param meanLatencySeconds request-weighted mean latency, or null when unknown
 * @param p99LatencySeconds  the 99th-percentile latency (an upper bound when rows were combined), or null
 * @param skippedRows        periods left out because they were inconsistent (see {@link Builder#add}); informational
 */
public record VersionAggregate(String version, long requests, long errors, long labeled, long correct,
                               Double meanLatencySeconds, Double p99LatencySeconds, long skippedRows) {

    public VersionAggregate {
        if (!consistent(requests, errors, labeled, correct) || skippedRows < 0) {
            throw new IllegalArgumentException("inconsistent counts for version " + version + ": requests=" + requests
                    + ", errors=" + errors + ", labeled=" + labeled + ", correct=" + correct + ", skippedRows="
                    + skippedRows);
        }
    }

    /** An aggregate from which no period was skipped. */
    public VersionAggregate(String version, long requests, long errors, long labeled, long correct,
                            Double meanLatencySeconds, Double p99LatencySeconds) {
        this(version, requests, errors, labeled, correct, meanLatencySeconds, p99LatencySeconds, 0);
    }

    private static boolean consistent(long requests, long errors, long labeled, long correct) {
        return requests >= 0 && errors >= 0 && labeled >= 0 && correct >= 0 && errors <= requests && correct <= labeled;
    }

    /** The counts as a sample without latencies or scores, for the count-based metrics. */
    VersionSample counts() {
        return new VersionSample(version, new double[0], requests, errors, labeled, correct, new double[0]);
    }

    /**
     * Combines a version's periods: counts add up, the mean latency is request-weighted over the periods that
     * report one, and the p99 is the largest period p99 (an upper bound: percentiles of periods cannot be combined
     * exactly).
     */
    public static final class Builder {

        private final String version;
        private long requests;
        private long errors;
        private long labeled;
        private long correct;
        private double latencyTotal;
        private long latencyRequests;
        private Double p99;
        private long skipped;

        public Builder(String version) {
            this.version = version;
        }

        /**
         * One period. A period with inconsistent counts (negative, more errors than requests, more correct than
         * labeled) or an {@linkplain LoggedValues unusable} mean or p99 latency is skipped whole and counted.
         */
        public Builder add(long periodRequests, long periodErrors, long periodLabeled, long periodCorrect,
                           Double meanLatencySeconds, Double p99LatencySeconds) {
            if (!consistent(periodRequests, periodErrors, periodLabeled, periodCorrect)
                    || !LoggedValues.usable(meanLatencySeconds, null) || !LoggedValues.usable(p99LatencySeconds, null)) {
                skipped++;
                return this;
            }
            requests += periodRequests;
            errors += periodErrors;
            labeled += periodLabeled;
            correct += periodCorrect;
            if (meanLatencySeconds != null) {
                latencyTotal += meanLatencySeconds * periodRequests;
                latencyRequests += periodRequests;
            }
            if (p99LatencySeconds != null && (p99 == null || p99LatencySeconds > p99)) {
                p99 = p99LatencySeconds;
            }
            return this;
        }

        public VersionAggregate build() {
            return new VersionAggregate(version, requests, errors, labeled, correct,
                    latencyRequests > 0 ? latencyTotal / latencyRequests : null, p99, skipped);
        }
    }
}
