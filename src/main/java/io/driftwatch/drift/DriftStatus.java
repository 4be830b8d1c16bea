package io.driftwatch.drift;

/** Whether a drift score could be computed. */
public enum DriftStatus {
    /** The score is a finite number and {@code drifted} compares it with the threshold. */
    OK,
    /** A window has no usable values, so there is nothing to compare (never reported as a score of 0). */
    INSUFFICIENT_DATA,
    /** The score has no finite value, e.g. mean shift on a constant baseline whose mean differs from the current mean. */
    UNDEFINED
}
