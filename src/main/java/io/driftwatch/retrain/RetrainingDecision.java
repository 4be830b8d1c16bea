package io.driftwatch.retrain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.driftwatch.config.Monitor;

/**
 * Whether a monitor's run asks for retraining, and why. Retraining is requested when any feature
 * drifted, accuracy is below the floor, or latency is above the ceiling. Missing performance data
 * is reported in {@link #notes()}, never taken as healthy and never, by itself, a reason to retrain.
 */
public record RetrainingDecision(boolean retrain, List<String> reasons, List<String> notes) {

    public RetrainingDecision {
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
    }

    public static RetrainingDecision decide(Monitor.RetrainingPolicy policy, List<FeatureDrift> drifted,
                                            ModelPerformance performance) {
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!drifted.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (FeatureDrift d : drifted) {
                parts.add(d.feature() + " " + d.method() + "=" + (d.score() == null ? "undefined" : format(d.score()))
                        + " >= " + format(d.threshold()));
            }
            reasons.add("feature drift: " + String.join(", ", parts));
        }
        if (performance.accuracy() == null) {
            notes.add("accuracy missing: no model_performance value in the window");
        } else if (performance.accuracy() < policy.accuracyFloor()) {
            reasons.add("accuracy " + format(performance.accuracy()) + " < floor " + format(policy.accuracyFloor()));
        }
        if (performance.latencySeconds() == null) {
            notes.add("latency missing: no model_performance value in the window");
        } else if (performance.latencySeconds() > policy.latencyCeiling()) {
            reasons.add("latency " + format(performance.latencySeconds()) + " s > ceiling " + format(policy.latencyCeiling()) + " s");
        }
        return new RetrainingDecision(!reasons.isEmpty(), reasons, notes);
    }

    /** One line for {@code drift_run.retraining_reason} and the task's reason. */
    public String summary() {
        if (retrain) {
            return String.join("; ", reasons);
        }
        List<String> parts = new ArrayList<>();
        parts.add("no drift and performance within limits");
        parts.addAll(notes);
        return String.join("; ", parts);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
