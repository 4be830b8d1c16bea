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
 *   <li><em>score</em>: a non-negative number, 0 for identical distributions, larger for more drift;</li>
 *   <li><em>threshold</em>: the score at or above which the feature counts as drifted;</li>
 *   <li><em>convention</em>: a short string naming every choice that changes the number (binning, smoothing,
 *       logarithm base, direction), stored with each result so scores are never compared across conventions.</li>
 * </ul>
 * Implementations are stateless and thread-safe.
 */
public interface DriftMethod {

    /** The configuration name, e.g. {@code "psi"}, {@code "kl"}, {@code "mean_shift"}. */
    String name();

    /** Whether this method can compare profiles of the given type. */
    boolean supports(FeatureType type);

    /** The threshold used when the configuration does not set one. */
    double defaultThreshold();

    /**
     * Compares two profiles of the same, supported type.
     *
     * @throws IllegalArgumentException if a profile is null, the types differ or are unsupported, or the threshold is
     *                                  negative or not finite
     */
    DriftResult compute(FeatureProfile baseline, FeatureProfile current, double threshold);
}
