package io.driftwatch.drift;

/** Whether a drift score could be computed. */
public enum DriftStatus {
    /** The score is a finite number and {@code drifted} compares it (or its p-value) with the threshold. */
    OK,
    /**
     * A window has no usable values, or fewer than the configured minimum, so there is nothing to compare (never
     * reported as a score of 0). Never drifted.
     */
    INSUFFICIENT_DATA,
    /**
     * The score has no finite value, e.g. mean shift on a constant baseline whose mean differs from the current mean,
     * or a chi-square statistic made infinite by a category the baseline never saw; {@code drifted} says which way.
     */
    UNDEFINED,
    /**
     * The method cannot give an honest number for these profiles, e.g. an exact-count test on a sketch-mode profile
     * whose individual values are no longer known. Never drifted; the reason says what to use instead.
     */
    UNSUPPORTED
}
