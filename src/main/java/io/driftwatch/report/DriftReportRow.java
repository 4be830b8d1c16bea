package io.driftwatch.report;

import java.util.Objects;

import io.driftwatch.drift.DriftStatus;
import io.driftwatch.drift.Severity;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.profile.FeatureType;

/**
 * A row of {@code drift_report}: one method's judgement of one feature in one run, with the summary
 * statistics of both windows.
 *
 * @param convention     every choice that changes the method's number (binning, smoothing, ...)
 * @param selectedBecause why the method ran: "configured", or the selection's reason
 * @param detailsJson    the method's details as JSON text
 * @param explanation    what changed, in the feature's units ({@code io.driftwatch.drift.Explanations}), on rows that
 *                       drifted when evaluated; null otherwise
 * @param segment        the segment the row judges ({@code country=DE}, see {@code Monitor.Segmentation}); null for the
 *                       whole population
 */
public record DriftReportRow(long runId, String feature, FeatureType featureType, String method, String convention,
                             Judgement judgement, String selectedBecause, WindowStats stats, String detailsJson,
                             String explanation, String segment) {

    /** A row of the whole population. */
    public DriftReportRow(long runId, String feature, FeatureType featureType, String method, String convention,
                          Judgement judgement, String selectedBecause, WindowStats stats, String detailsJson,
                          String explanation) {
        this(runId, feature, featureType, method, convention, judgement, selectedBecause, stats, detailsJson, explanation,
                null);
    }

    /** A row without an explanation. */
    public DriftReportRow(long runId, String feature, FeatureType featureType, String method, String convention,
                          Judgement judgement, String selectedBecause, WindowStats stats, String detailsJson) {
        this(runId, feature, featureType, method, convention, judgement, selectedBecause, stats, detailsJson, null);
    }

    public DriftReportRow {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(featureType, "featureType");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(convention, "convention");
        Objects.requireNonNull(judgement, "judgement");
        Objects.requireNonNull(stats, "stats");
    }

    /**
     * What the method found. {@code score} is null unless {@code status} is OK (or UNDEFINED with an
     * infinite score). For p-value methods ({@link ThresholdKind#P_VALUE_BELOW}) {@code pValueAdjusted}
     * is the p-value after the monitor's multiple-testing correction, set when the run completes, and
     * {@code drifted} and {@code severity} are judged on it.
     */
    public record Judgement(DriftStatus status, Double score, ThresholdKind thresholdKind, double threshold,
                            Double warnThreshold, Double pValue, Double pValueAdjusted, boolean drifted, Severity severity) {

        public Judgement {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(thresholdKind, "thresholdKind");
            Objects.requireNonNull(severity, "severity");
            if (drifted != (severity == Severity.ALERT)) {
                throw new IllegalArgumentException("a judgement is drifted exactly when its severity is ALERT: drifted="
                        + drifted + ", severity=" + severity);
            }
        }

        /** The same judgement after multiple-testing correction: judged on {@code adjusted}. */
        public Judgement corrected(double adjusted, Severity nowSeverity) {
            return new Judgement(status, score, thresholdKind, threshold, warnThreshold, pValue, adjusted,
                    nowSeverity == Severity.ALERT, nowSeverity);
        }
    }

    /** Counts and moments of the feature in both windows (means and deviations of numeric features only). */
    public record WindowStats(long baselineCount, long currentCount, long baselineMissing, long currentMissing,
                              Double baselineMean, Double currentMean, Double baselineStd, Double currentStd) {
    }

    public boolean drifted() {
        return judgement.drifted();
    }

    public DriftStatus status() {
        return judgement.status();
    }

    public Double score() {
        return judgement.score();
    }

    public double threshold() {
        return judgement.threshold();
    }

    public Severity severity() {
        return judgement.severity();
    }

    /** Whether the row's verdict comes from a p-value (and so takes part in multiple-testing correction). */
    public boolean isPValueTest() {
        return judgement.thresholdKind() == ThresholdKind.P_VALUE_BELOW;
    }

    /** Whether the method could judge the feature at all (not INSUFFICIENT_DATA nor UNSUPPORTED). */
    public boolean evaluated() {
        return judgement.status() != DriftStatus.INSUFFICIENT_DATA && judgement.status() != DriftStatus.UNSUPPORTED;
    }

    /** The same row judged anew. */
    public DriftReportRow with(Judgement newJudgement) {
        return new DriftReportRow(runId, feature, featureType, method, convention, newJudgement, selectedBecause, stats,
                detailsJson, explanation, segment);
    }

    /** The same row as a segment's. */
    public DriftReportRow inSegment(String segmentLabel) {
        return new DriftReportRow(runId, feature, featureType, method, convention, judgement, selectedBecause, stats,
                detailsJson, explanation, segmentLabel);
    }

    /** Whether the row judges the whole population (not a segment). */
    public boolean isPopulation() {
        return segment == null;
    }
}
