package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;

/**
 * A way to score how far the distribution of one feature has moved.
 * <p>
 * Terms used by all methods:
 * <ul>
 *   <li><em>baseline</em>: the profile of the reference window (e.g. training data);</li>
 *   <li><em>current</em>: the profile of the window being checked;</li>
 *   <li><em>score</em>: for distances and effect sizes a non-negative number, 0 for identical distributions, larger
 *       for more drift; for hypothesis tests the test statistic, reported next to the p-value;</li>
 *   <li><em>threshold</em>: for {@link ThresholdKind#SCORE_AT_LEAST} the score at or above which the feature counts
 *       as drifted; for {@link ThresholdKind#P_VALUE_BELOW} the significance level the p-value must fall below;</li>
 *   <li><em>convention</em>: a short string naming every choice that changes the number (binning, smoothing,
 *       logarithm base, direction), stored with each result so scores are never compared across conventions.</li>
 * </ul>
 * Implementations are stateless and thread-safe. A user-defined method (e.g. a Spring bean) only has to implement
 * {@link #name()}, {@link #supports}, {@link #defaultThreshold()} and {@link #compute(FeatureProfile, FeatureProfile,
 * double)}; the other methods have defaults that treat it as a score method and apply the warn band of
 * {@link MethodSettings} to its result.
 */
public interface DriftMethod {

    /** The configuration name, e.g. {@code "psi"}, {@code "kl"}, {@code "mean_shift"}. */
    String name();

    /** Whether this method can compare profiles of the given type. */
    boolean supports(FeatureType type);

    /** The threshold used when the configuration does not set one. */
    double defaultThreshold();

    /**
     * Compares two profiles of the same, supported type with default settings and the given threshold.
     *
     * @throws IllegalArgumentException if a profile is null, the types differ or are unsupported, or the threshold is
     *                                  negative, not finite, or (for a p-value method) above 1
     */
    DriftResult compute(FeatureProfile baseline, FeatureProfile current, double threshold);

    /** Whether the threshold applies to the score or to a p-value; {@link ThresholdKind#SCORE_AT_LEAST} by default. */
    default ThresholdKind thresholdKind() {
        return ThresholdKind.SCORE_AT_LEAST;
    }

    /** The settings used when the configuration sets none; see {@link MethodSettings#of}. */
    default MethodSettings defaultSettings() {
        return MethodSettings.of(thresholdKind(), defaultThreshold());
    }

    /**
     * Compares two profiles under explicit settings: the general entry point. The default implementation, for methods
     * that only implement the threshold form, calls {@link #compute(FeatureProfile, FeatureProfile, double)} with the
     * alert threshold and then applies the warn threshold to the score (or p-value) of the result.
     *
     * @throws IllegalArgumentException as the threshold form, or if the settings are null or of another threshold kind
     */
    default DriftResult compute(FeatureProfile baseline, FeatureProfile current, MethodSettings settings) {
        MethodSupport.checkSettings(this, settings);
        return MethodSupport.withWarnBand(compute(baseline, current, settings.threshold()), settings);
    }
}
