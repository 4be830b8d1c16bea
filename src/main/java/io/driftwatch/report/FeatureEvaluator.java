package io.driftwatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.config.MethodPlan;
import io.driftwatch.config.Monitor;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.drift.Explanations;
import io.driftwatch.drift.MethodSelection;
import io.driftwatch.drift.MethodSettings;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

/**
 * Evaluates a feature's drift methods on its two profiles into {@code drift_report} rows: the methods
 * listed for the feature, or those the monitor's selection mode picks from the profiles, each with the
 * monitor's overrides applied.
 */
public class FeatureEvaluator {

    private final DriftMethods methods;
    private final JsonMapper json;
    private final ObservationRegistry observations;

    /**
     * @param observations one observation (a span when tracing is on, and a timer) per feature and,
     *                     inside it, per method, with monitor, feature, method and verdict
     */
    public FeatureEvaluator(DriftMethods methods, JsonMapper json, ObservationRegistry observations) {
        this.methods = methods;
        this.json = json;
        this.observations = observations;
    }

    private record Planned(String method, MethodSettings settings, String because) {
    }

    public List<DriftReportRow> evaluate(long runId, Monitor monitor, Monitor.Feature feature, FeatureProfile baseline,
                                         FeatureProfile current) {
        Observation observation = Observation.createNotStarted(FEATURE_OBSERVATION, observations)
                .contextualName("drift " + monitor.name() + "." + feature.name())
                .lowCardinalityKeyValue(MONITOR, monitor.name())
                .highCardinalityKeyValue(FEATURE, feature.name())
                .highCardinalityKeyValue("driftwatch.feature.type", feature.type().name().toLowerCase(Locale.ROOT));
        return observation.observe(() -> {
            List<DriftReportRow> rows = evaluateMethods(runId, monitor, feature, baseline, current);
            List<String> drifted = rows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::method).toList();
            observation.highCardinalityKeyValue(VERDICT, drifted.isEmpty() ? "no_drift" : "drift")
                    .highCardinalityKeyValue("driftwatch.methods",
                            String.join(",", rows.stream().map(DriftReportRow::method).toList()))
                    .highCardinalityKeyValue("driftwatch.drifted.methods", String.join(",", drifted));
            return rows;
        });
    }

    /**
     * The feature's rows in each segment: every label that holds rows on either side (a side without the label, such
     * as the baseline of a segment new in the current window, is an empty profile), in label order.
     */
    public List<DriftReportRow> evaluateSegments(long runId, Monitor monitor, Monitor.Feature feature,
                                                 Map<String, FeatureProfile> baseline, Map<String, FeatureProfile> current) {
        java.util.SortedSet<String> labels = new java.util.TreeSet<>(baseline.keySet());
        labels.addAll(current.keySet());
        List<DriftReportRow> rows = new ArrayList<>();
        for (String label : labels) {
            FeatureProfile b = baseline.getOrDefault(label, empty(feature));
            FeatureProfile c = current.getOrDefault(label, empty(feature));
            if (b.count() + b.missing() + c.count() + c.missing() == 0) {
                continue;
            }
            evaluateMethods(runId, monitor, feature, b, c).forEach(r -> rows.add(r.inSegment(label)));
        }
        return rows;
    }

    private static FeatureProfile empty(Monitor.Feature feature) {
        return feature.type() == io.driftwatch.profile.FeatureType.NUMERIC ? NumericProfile.create()
                : io.driftwatch.profile.CategoricalProfile.create();
    }

    /** Observation names and keys; the verdict of a p-value method is the one before multiple-testing correction. */
    public static final String FEATURE_OBSERVATION = "driftwatch.drift.feature";
    public static final String METHOD_OBSERVATION = "driftwatch.drift.method";
    public static final String MONITOR = "driftwatch.monitor";
    public static final String FEATURE = "driftwatch.feature";
    public static final String METHOD = "driftwatch.method";
    public static final String VERDICT = "driftwatch.verdict";

    private List<DriftReportRow> evaluateMethods(long runId, Monitor monitor, Monitor.Feature feature,
                                                 FeatureProfile baseline, FeatureProfile current) {
        List<DriftReportRow> rows = new ArrayList<>();
        DriftReportRow.WindowStats stats = new DriftReportRow.WindowStats(baseline.count(), current.count(),
                baseline.missing(), current.missing(), mean(baseline), mean(current), std(baseline), std(current));
        for (Planned planned : plan(monitor.methods(), feature, baseline, current)) {
            Observation observation = Observation.createNotStarted(METHOD_OBSERVATION, observations)
                    .contextualName(planned.method() + " " + monitor.name() + "." + feature.name())
                    .lowCardinalityKeyValue(MONITOR, monitor.name())
                    .lowCardinalityKeyValue(METHOD, planned.method())
                    .highCardinalityKeyValue(FEATURE, feature.name());
            DriftResult result = observation.observe(() -> {
                DriftResult r = methods.require(planned.method()).compute(baseline, current, planned.settings());
                observation.lowCardinalityKeyValue(VERDICT, verdict(r))
                        .highCardinalityKeyValue("driftwatch.score", String.valueOf(r.score()))
                        .highCardinalityKeyValue("driftwatch.threshold", String.valueOf(r.threshold()));
                if (r.pValue() != null) {
                    observation.highCardinalityKeyValue("driftwatch.p_value", String.valueOf(r.pValue()));
                }
                return r;
            });
            DriftReportRow.Judgement judgement = new DriftReportRow.Judgement(result.status(), result.score(),
                    planned.settings().thresholdKind(), result.threshold(), planned.settings().warnThreshold(), result.pValue(),
                    result.pValue(), result.drifted(), result.severity());
            String because = planned.because();
            if (result.drifted() && result.details().get("largest_effect") instanceof String fired) {
                because = because + "; fired: " + fired;
                because = because.length() <= 500 ? because : because.substring(0, 500);
            }
            String explanation = result.drifted() ? Explanations.explain(feature.name(), baseline, current) : null;
            rows.add(new DriftReportRow(runId, feature.name(), feature.type(), result.method(), result.convention(), judgement,
                    because, stats, json.writeValueAsString(result.details()), explanation));
        }
        return rows;
    }

    /**
     * The rows in the order people configured features and methods (partitions finish in any order);
     * rows of selected methods follow their feature's configured ones.
     */
    public static List<DriftReportRow> inConfiguredOrder(Monitor monitor, List<DriftReportRow> rows) {
        List<String> order = new ArrayList<>();
        monitor.features().forEach(f -> {
            f.methods().forEach(m -> order.add(f.name() + '/' + m.name()));
            order.add(f.name() + '/');
        });
        return rows.stream().sorted(java.util.Comparator.comparingInt(r -> {
            int i = order.indexOf(r.feature() + '/' + r.method());
            return i >= 0 ? i : order.indexOf(r.feature() + '/');
        })).toList();
    }

    private static String verdict(DriftResult result) {
        if (result.status() != io.driftwatch.drift.DriftStatus.OK) {
            return result.status().name().toLowerCase(Locale.ROOT);
        }
        return result.drifted() ? "drift" : "no_drift";
    }

    private List<Planned> plan(MethodPlan plan, Monitor.Feature feature, FeatureProfile baseline, FeatureProfile current) {
        List<Planned> planned = new ArrayList<>();
        if (!feature.methods().isEmpty()) {
            feature.methods().forEach(m -> planned.add(new Planned(m.name(), m.settings(), "configured")));
            return planned;
        }
        for (MethodSelection.Choice choice : MethodSelection.of(plan.selection()).select(baseline, current)) {
            MethodSettings settings = plan.overrides().apply(choice.method(), choice.settings(), feature.edges());
            String because = plan.selection().name().toLowerCase(Locale.ROOT) + " selection: " + choice.reason();
            planned.add(new Planned(choice.method(), settings, because.length() <= 500 ? because : because.substring(0, 500)));
        }
        return planned;
    }

    private static Double mean(FeatureProfile profile) {
        return profile instanceof NumericProfile n && n.count() > 0 ? finite(n.mean()) : null;
    }

    private static Double std(FeatureProfile profile) {
        return profile instanceof NumericProfile n && n.count() > 0 ? finite(n.populationStd()) : null;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
