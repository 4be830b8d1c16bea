package io.driftwatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.config.MethodPlan;
import io.driftwatch.config.Monitor;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.drift.MethodSelection;
import io.driftwatch.drift.MethodSettings;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

/**
 * Runs a feature's drift methods on its two profiles and shapes the {@code drift_report} rows: the
 * methods listed for the feature, or those the monitor's selection mode picks from the profiles,
 * each with the monitor's overrides applied.
 */
public class FeatureReporter {

    private final DriftMethods methods;
    private final JsonMapper json;

    public FeatureReporter(DriftMethods methods, JsonMapper json) {
        this.methods = methods;
        this.json = json;
    }

    private record Planned(String method, MethodSettings settings, String because) {
    }

    public List<DriftReportRow> evaluate(long runId, Monitor monitor, Monitor.Feature feature, FeatureProfile baseline,
                                         FeatureProfile current) {
        List<DriftReportRow> rows = new ArrayList<>();
        for (Planned planned : plan(monitor.methods(), feature, baseline, current)) {
            DriftResult result = methods.require(planned.method()).compute(baseline, current, planned.settings());
            rows.add(new DriftReportRow(runId, feature.name(), feature.type().name().toLowerCase(Locale.ROOT), result.method(),
                    result.convention(), result.status().name(), result.score(), planned.settings().thresholdKind().configName(),
                    result.threshold(), planned.settings().warnThreshold(), result.pValue(), result.pValue(), result.drifted(),
                    result.severity().name(), planned.because(), baseline.count(), current.count(), baseline.missing(),
                    current.missing(), mean(baseline), mean(current), std(baseline), std(current),
                    json.writeValueAsString(result.details())));
        }
        return rows;
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
