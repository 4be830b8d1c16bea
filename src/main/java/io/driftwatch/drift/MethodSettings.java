package io.driftwatch.drift;

/**
 * Everything that shapes one method's number and verdict on one feature. Obtain the defaults of a method with
 * {@link #defaults(DriftMethod)} and change single settings with the {@code with...} methods; every instance is
 * validated once, in the constructor.
 *
 * @param thresholdKind whether {@code threshold} applies to a score or a p-value; must match the method's
 * @param threshold     the alert threshold: finite and non-negative; for p-values within [0, 1]
 * @param warnThreshold optional warn threshold (null for none): below the alert threshold for
 *                      {@link ThresholdKind#SCORE_AT_LEAST} (a score in [warn, alert) warns), above it for
 *                      {@link ThresholdKind#P_VALUE_BELOW} (a p-value in [alert, warn) warns)
 * @param binning       numeric binning of the histogram methods; ignored by the others and by categorical features
 * @param smoothing     empty-bin rule of the histogram methods; ignored by the others
 * @param logBase       logarithm base of kl, js and js_divergence; ignored by the others
 * @param minCount      fewest usable values (for missing_rate: rows) each window needs; fewer gives
 *                      {@link DriftStatus#INSUFFICIENT_DATA}; at least 1
 */
public record MethodSettings(ThresholdKind thresholdKind, double threshold, Double warnThreshold, Binning binning,
                             Smoothing smoothing, LogBase logBase, long minCount) {

    /** Default {@link #minCount()}: a window needs one usable value. */
    public static final long DEFAULT_MIN_COUNT = 1;

    public MethodSettings {
        if (thresholdKind == null || binning == null || smoothing == null || logBase == null) {
            throw new IllegalArgumentException("threshold kind, binning, smoothing and log base must not be null but"
                    + " were " + thresholdKind + ", " + binning + ", " + smoothing + ", " + logBase);
        }
        checkThreshold(thresholdKind, threshold, "threshold");
        if (warnThreshold != null) {
            checkThreshold(thresholdKind, warnThreshold, "warn threshold");
            if (thresholdKind == ThresholdKind.SCORE_AT_LEAST && !(warnThreshold < threshold)) {
                throw new IllegalArgumentException("warn threshold must be below the alert threshold " + threshold
                        + " for a score method but was " + warnThreshold);
            }
            if (thresholdKind == ThresholdKind.P_VALUE_BELOW && !(warnThreshold > threshold)) {
                throw new IllegalArgumentException("warn threshold must be above the alert threshold " + threshold
                        + " for a p-value method but was " + warnThreshold);
            }
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("min count must be at least 1 but was " + minCount);
        }
    }

    /** The defaults of {@code method}: {@link DriftMethod#defaultSettings()}. */
    public static MethodSettings defaults(DriftMethod method) {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        return method.defaultSettings();
    }

    /**
     * Generic defaults for a method that does not define its own: the given kind and threshold, no warn threshold,
     * baseline deciles, Evidently smoothing, natural logarithm, min count 1.
     */
    public static MethodSettings of(ThresholdKind kind, double threshold) {
        return new MethodSettings(kind, threshold, null, Binning.BASELINE_DECILES, Smoothing.EVIDENTLY, LogBase.E,
                DEFAULT_MIN_COUNT);
    }

    /** A copy with another alert threshold (a warn threshold that no longer fits is rejected). */
    public MethodSettings withThreshold(double value) {
        return new MethodSettings(thresholdKind, value, warnThreshold, binning, smoothing, logBase, minCount);
    }

    /** A copy with another warn threshold; null removes it. */
    public MethodSettings withWarnThreshold(Double value) {
        return new MethodSettings(thresholdKind, threshold, value, binning, smoothing, logBase, minCount);
    }

    /** A copy with another binning. */
    public MethodSettings withBinning(Binning value) {
        return new MethodSettings(thresholdKind, threshold, warnThreshold, value, smoothing, logBase, minCount);
    }

    /** A copy with another smoothing. */
    public MethodSettings withSmoothing(Smoothing value) {
        return new MethodSettings(thresholdKind, threshold, warnThreshold, binning, value, logBase, minCount);
    }

    /** A copy with another logarithm base. */
    public MethodSettings withLogBase(LogBase value) {
        return new MethodSettings(thresholdKind, threshold, warnThreshold, binning, smoothing, value, minCount);
    }

    /** A copy with another minimum count. */
    public MethodSettings withMinCount(long value) {
        return new MethodSettings(thresholdKind, threshold, warnThreshold, binning, smoothing, logBase, value);
    }

    /** The severity of a score or p-value (per {@link #thresholdKind()}) under these thresholds. */
    public Severity severityOf(double value) {
        if (thresholdKind.crossed(value, threshold)) {
            return Severity.ALERT;
        }
        if (warnThreshold != null && thresholdKind.crossed(value, warnThreshold)) {
            return Severity.WARN;
        }
        return Severity.NONE;
    }

    private static void checkThreshold(ThresholdKind kind, double value, String what) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(what + " must be finite and non-negative but was " + value);
        }
        if (kind == ThresholdKind.P_VALUE_BELOW && value > 1) {
            throw new IllegalArgumentException(what + " of a p-value method must be within [0, 1] but was " + value);
        }
    }
}
