package io.driftwatch.drift;

import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The shared flow of the built-in methods: validate, report counts, stop with {@link DriftStatus#INSUFFICIENT_DATA}
 * below the minimum count, then let the method evaluate. The threshold form delegates to the settings form with
 * {@link #defaultSettings()} and the given threshold.
 * <p>
 * Each method states its constants once, in its call to this constructor: its name, the feature types it supports
 * and its default settings (which carry its threshold kind and default threshold).
 */
abstract class BuiltInMethod implements DriftMethod {

    /** Both feature types. */
    static final Set<FeatureType> ALL_TYPES = EnumSet.allOf(FeatureType.class);
    /** Numeric features only. */
    static final Set<FeatureType> NUMERIC_ONLY = EnumSet.of(FeatureType.NUMERIC);

    private final String name;
    private final Set<FeatureType> types;
    private final MethodSettings defaults;
    private final String fixedConvention;

    /**
     * A method whose every result has the convention {@code fixedConvention}, with the generic defaults of
     * {@link MethodSettings#of} for this kind and threshold.
     */
    BuiltInMethod(String name, Set<FeatureType> types, ThresholdKind kind, double defaultThreshold,
                  String fixedConvention) {
        this(name, types, MethodSettings.of(kind, defaultThreshold), fixedConvention);
    }

    /**
     * A method with its own default settings (e.g. another smoothing or log base); a null {@code fixedConvention}
     * means the convention depends on the type or settings and the method overrides
     * {@link #convention(FeatureType, MethodSettings)}.
     */
    BuiltInMethod(String name, Set<FeatureType> types, MethodSettings defaults, String fixedConvention) {
        if (name == null || name.isBlank() || types == null || types.isEmpty() || defaults == null) {
            throw new IllegalArgumentException("a built-in method needs a name, supported types and default settings"
                    + " but got " + name + ", " + types + ", " + defaults);
        }
        this.name = name;
        this.types = Set.copyOf(types);
        this.defaults = defaults;
        this.fixedConvention = fixedConvention;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean supports(FeatureType type) {
        return type != null && types.contains(type);
    }

    @Override
    public final double defaultThreshold() {
        return defaults.threshold();
    }

    @Override
    public final ThresholdKind thresholdKind() {
        return defaults.thresholdKind();
    }

    @Override
    public final MethodSettings defaultSettings() {
        return defaults;
    }

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

    /**
     * The convention of results for this type and these settings (also of results that stop before binning is
     * resolved, e.g. insufficient data): the fixed convention unless a method overrides this.
     */
    String convention(FeatureType type, MethodSettings settings) {
        if (fixedConvention == null) {
            throw new IllegalStateException(name + " has no fixed convention and must override convention()");
        }
        return fixedConvention;
    }

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
