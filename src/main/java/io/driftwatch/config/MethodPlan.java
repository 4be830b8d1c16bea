package io.driftwatch.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.driftwatch.drift.Binning;
import io.driftwatch.drift.LogBase;
import io.driftwatch.drift.MethodSelection;
import io.driftwatch.drift.MethodSettings;
import io.driftwatch.drift.MultipleTesting;
import io.driftwatch.drift.Smoothing;

/**
 * How a monitor chooses and judges drift methods. With explicit method lists ({@code methods}) each
 * feature carries its methods and settings; otherwise {@code selection} picks methods per feature
 * from its two profiles at run time. The overrides (thresholds, warn thresholds, binning, smoothing,
 * log base, minimum count) apply to every method they name or concern, whichever way it was chosen.
 *
 * @param selection  the automatic selection mode, or null when methods are listed explicitly
 * @param correction multiple-testing correction of p-value methods across the monitor's features
 * @param driftShare dataset drift when at least this share of evaluated features drifted
 */
public record MethodPlan(MethodSelection.Mode selection, Overrides overrides, MultipleTesting.Correction correction,
                         double driftShare) {

    /** Evidently's dataset share and our default selection with Benjamini-Hochberg. */
    public static final MethodPlan DEFAULT = new MethodPlan(MethodSelection.Mode.DEFAULT, Overrides.NONE,
            MultipleTesting.Correction.BENJAMINI_HOCHBERG, 0.5);

    public MethodPlan {
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(correction, "correction");
        if (!(driftShare > 0 && driftShare <= 1)) {
            throw new IllegalArgumentException("drift share must be in (0, 1]: " + driftShare);
        }
    }

    /**
     * Settings the user changed for a monitor. Null fields keep each method's own default.
     *
     * @param thresholds     alert thresholds by method name
     * @param warnThresholds warn thresholds by method name
     */
    public record Overrides(Map<String, Double> thresholds, Map<String, Double> warnThresholds, Binning binning,
                            Smoothing smoothing, LogBase logBase, Long minCount) {

        public static final Overrides NONE = new Overrides(Map.of(), Map.of(), null, null, null, null);

        public Overrides {
            thresholds = Map.copyOf(thresholds);
            warnThresholds = Map.copyOf(warnThresholds);
        }

        /**
         * The method's settings with these overrides; a feature's own {@code edges} win over the
         * monitor's binning.
         *
         * @throws IllegalArgumentException when the result is inconsistent (e.g. warn beyond alert)
         */
        public MethodSettings apply(String method, MethodSettings base, List<Double> featureEdges) {
            MethodSettings s = base;
            if (thresholds.containsKey(method)) {
                s = s.withWarnThreshold(null).withThreshold(thresholds.get(method));
                if (base.warnThreshold() != null && s.thresholdKind().crossed(base.warnThreshold(), thresholds.get(method))) {
                    s = s.withWarnThreshold(null);
                }
            }
            if (warnThresholds.containsKey(method)) {
                s = s.withWarnThreshold(warnThresholds.get(method));
            }
            if (featureEdges != null && !featureEdges.isEmpty()) {
                s = s.withBinning(Binning.edges(featureEdges));
            } else if (binning != null) {
                s = s.withBinning(binning);
            }
            if (smoothing != null) {
                s = s.withSmoothing(smoothing);
            }
            if (logBase != null) {
                s = s.withLogBase(logBase);
            }
            if (minCount != null) {
                s = s.withMinCount(minCount);
            }
            return s;
        }
    }
}
