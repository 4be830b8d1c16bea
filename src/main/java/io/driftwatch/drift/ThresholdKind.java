package io.driftwatch.drift;

import java.util.Locale;

/** How a method's threshold turns a number into a verdict. */
public enum ThresholdKind {

    /** Distances and effect sizes: drifted when the score is at least the threshold. */
    SCORE_AT_LEAST,
    /** Hypothesis tests: drifted when the p-value is strictly below the threshold (the significance level). */
    P_VALUE_BELOW;

    /** Lower-case spelling used in details, e.g. {@code "p_value_below"}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code value} (a score for {@link #SCORE_AT_LEAST}, a p-value for {@link #P_VALUE_BELOW}) is on the
     * drifted side of {@code threshold}.
     */
    public boolean crossed(double value, double threshold) {
        return this == SCORE_AT_LEAST ? value >= threshold : value < threshold;
    }
}
