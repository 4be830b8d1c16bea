package io.driftwatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.config.Monitor;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

/** Runs a feature's configured drift methods on its two profiles and shapes the {@code drift_report} rows. */
public class FeatureReporter {

    private final DriftMethods methods;
    private final JsonMapper json;

    public FeatureReporter(DriftMethods methods, JsonMapper json) {
        this.methods = methods;
        this.json = json;
    }

    public List<DriftReportRow> evaluate(long runId, Monitor.Feature feature, FeatureProfile baseline, FeatureProfile current) {
        List<DriftReportRow> rows = new ArrayList<>();
        for (Monitor.MethodSpec spec : feature.methods()) {
            DriftResult result = methods.require(spec.name()).compute(baseline, current, spec.threshold());
            rows.add(new DriftReportRow(runId, feature.name(), feature.type().name().toLowerCase(Locale.ROOT), result.method(),
                    result.convention(), result.status().name(), result.score(), result.threshold(), result.pValue(),
                    result.drifted(), baseline.count(), current.count(), baseline.missing(), current.missing(),
                    mean(baseline), mean(current), std(baseline), std(current), json.writeValueAsString(result.details())));
        }
        return rows;
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
