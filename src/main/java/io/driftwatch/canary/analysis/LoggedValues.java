package io.driftwatch.canary.analysis;

/**
 * Which logged values an analysis can use. A latency must be finite and ≥ 0 and a score finite; null means the
 * value was not logged, which is allowed. A row holding an unusable value is corrupt: it is skipped whole and
 * counted as a <em>skipped row</em>, so that one bad row neither rejects the analysis nor biases it.
 */
public final class LoggedValues {

    /** What makes a row skipped, for messages. */
    public static final String UNUSABLE = "a negative or non-finite latency or a non-finite score";

    private LoggedValues() {
    }

    /** Whether a row with this latency (seconds) and score can be analysed; null values are allowed. */
    public static boolean usable(Double latencySeconds, Double score) {
        return (latencySeconds == null || usableLatency(latencySeconds)) && (score == null || Double.isFinite(score));
    }

    static boolean usableLatency(double latencySeconds) {
        return latencySeconds >= 0 && !Double.isInfinite(latencySeconds);
    }
}
