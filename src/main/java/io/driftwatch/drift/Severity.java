package io.driftwatch.drift;

/**
 * How loudly a result speaks: {@link #ALERT} exactly when the result is drifted, {@link #WARN} when only the optional
 * warn threshold of {@link MethodSettings} was crossed, {@link #NONE} otherwise (including results without a score).
 */
public enum Severity {
    /** Neither threshold crossed, or no verdict possible. */
    NONE,
    /** The warn threshold was crossed but the alert threshold was not. */
    WARN,
    /** The alert threshold was crossed: the feature counts as drifted. */
    ALERT;

    /**
     * The severity of {@code value} (a score, or a p-value) against an alert threshold and an optional warn
     * threshold of the given kind: ALERT when the alert threshold is crossed, WARN when only the warn threshold is.
     */
    public static Severity of(ThresholdKind kind, double value, double threshold, Double warnThreshold) {
        if (kind.crossed(value, threshold)) {
            return ALERT;
        }
        return warnThreshold != null && kind.crossed(value, warnThreshold) ? WARN : NONE;
    }
}
