package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;

import java.util.Map;

/**
 * The shared flow of the built-in methods: validate, report counts, stop with {@link DriftStatus#INSUFFICIENT_DATA}
 * below the minimum count, then let the method evaluate. The threshold form delegates to the settings form with
 * {@link #defaultSettings()} and the given threshold.
 */
abstract class BuiltInMethod implements DriftMethod {

    @Override
    public final DriftResult compute(FeatureProfile baseline, FeatureProfile current, double threshold) {
        MethodSupport.checkArguments(this, baseline, current, threshold);
        return compute(baseline, current, defaultSettings().withThreshold(threshold));
    }

    @Override
    public final DriftResult compute(FeatureProfile baseline, FeatureProfile current, MethodSettings settings) {
        MethodSupport.checkSettings(this, settings);
        MethodSupport.checkArguments(this, baseline, current, settings.threshold());
        Map<String, Object> details = MethodSupport.countDetails(baseline, current);
        String reason = insufficientDataReason(baseline, current, settings.minCount());
        if (reason != null) {
            return DriftResult.insufficientData(name(), convention(baseline.type(), settings), settings.threshold(),
                    reason, details);
        }
        return evaluate(baseline, current, settings, details);
    }

    /** The convention of results that stop before binning is resolved (insufficient data). */
    abstract String convention(FeatureType type, MethodSettings settings);

    /** Scores two profiles that passed validation and the minimum-count check; {@code details} holds the counts. */
    abstract DriftResult evaluate(FeatureProfile baseline, FeatureProfile current, MethodSettings settings,
                                  Map<String, Object> details);

    /** Why the windows are too small, or null; by default both need {@code minCount} usable values. */
    String insufficientDataReason(FeatureProfile baseline, FeatureProfile current, long minCount) {
        return MethodSupport.insufficientDataReason(baseline, current, minCount);
    }

    /** A scored result under {@code settings}. */
    final DriftResult verdict(String convention, double score, Double pValue, MethodSettings settings,
                              Map<String, Object> details) {
        return MethodSupport.verdict(name(), convention, score, pValue, settings, details);
    }
}
