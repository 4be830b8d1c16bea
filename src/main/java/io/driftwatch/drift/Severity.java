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
    ALERT
}
