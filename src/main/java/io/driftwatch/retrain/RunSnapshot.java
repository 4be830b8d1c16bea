package io.driftwatch.retrain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.driftwatch.drift.DriftStatus;
import io.driftwatch.drift.Severity;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.ModelPerformance;
import io.driftwatch.report.RetrainingOutcome;

/**
 * {@code drift_run.snapshot}: one run as a JSON document (snake_case keys), for people and tools that
 * want the whole night of a monitor in one place.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunSnapshot(String monitor, String model, String runDate, Window window, RowsRead rowsRead, Dataset dataset,
                          List<Feature> features, Performance performance, Retraining retraining) {

    public record Window(String start, String end) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RowsRead(Long baseline, Long current) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Dataset(int featuresEvaluated, int featuresDrifted, Double driftShare, boolean datasetDrift) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feature(String feature, String type, boolean drifted, long baselineCount, long currentCount,
                          long baselineMissing, long currentMissing, List<Method> methods, String explanation) {

        /** A drifted feature's explanation is that of its first drifted row (absent otherwise). */
        static Feature of(String feature, List<DriftReportRow> rows) {
            DriftReportRow first = rows.get(0);
            boolean drifted = rows.stream().anyMatch(DriftReportRow::drifted);
            String explanation = rows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::explanation)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            return new Feature(feature, first.featureType().configName(), drifted,
                    first.stats().baselineCount(), first.stats().currentCount(), first.stats().baselineMissing(),
                    first.stats().currentMissing(), rows.stream().map(Method::of).toList(), explanation);
        }
    }

    /**
     * One method's judgement of a feature.
     *
     * @param pValues for p-value tests only (absent for score methods)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Method(String method, DriftStatus status, Double score, double threshold,
                         @JsonUnwrapped PValues pValues, boolean drifted, Severity severity) {

        static Method of(DriftReportRow r) {
            return new Method(r.method(), r.status(), r.score(), r.threshold(),
                    r.isPValueTest() ? new PValues(r.judgement().pValue(), r.judgement().pValueAdjusted()) : null,
                    r.drifted(), r.severity());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PValues(Double pValue, Double pValueAdjusted) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Performance(ModelPerformance.Status status, String metricDate, Double accuracy, double accuracyFloor,
                              Double latencySeconds, double latencyCeiling) {
    }

    /**
     * @param decision what happened about retraining
     * @param wanted   whether drift or performance asked for it
     */
    public record Retraining(RetrainingOutcome decision, boolean wanted, String reason, List<String> reasons,
                             List<String> notes) {
    }

    /** {@code retraining_task.evidence}: why the task exists. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Evidence(String monitor, String model, String runDate, List<String> reasons,
                           List<DriftedMethod> driftedFeatures, Performance performance) {
    }

    /** @param explanation what changed in the feature, in its units (absent when unknown) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DriftedMethod(String feature, String method, Double score, double threshold, String explanation) {
    }
}
