package io.driftwatch.canary.analysis;

/**
 * The outcome of one metric comparison.
 * <ul>
 *   <li>{@link #PASS}: the candidate is within the metric's rule;</li>
 *   <li>{@link #FAIL}: the candidate crossed the metric's rule (with the statistical evidence the rule requires);</li>
 *   <li>{@link #NO_DATA}: a version had fewer observations than {@link CanaryThresholds#minSamples()}.</li>
 * </ul>
 */
public enum Classification {
    PASS, FAIL, NO_DATA
}
