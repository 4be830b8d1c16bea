package io.driftwatch.retrain;

import java.util.ArrayList;
import java.util.List;

import io.driftwatch.config.Monitor;
import io.driftwatch.report.ModelPerformance;

/**
 * Whether a monitor's run asks for retraining, and why. Drift asks for it when any feature drifted
 * or, with {@code drift-share} set, on dataset drift (that share of the evaluated features drifted)
 * or when a critical feature drifted; accuracy below the floor and latency above the ceiling ask
 * for it too. Missing performance data is reported in {@link #notes()}, never taken as healthy and
 * never, by itself, a reason to retrain. Whether a task is then enqueued is for the {@link Guardrails}.
 */
public record RetrainingDecision(boolean retrain, List<String> reasons, List<String> notes) {

    private static final String ACCURACY_MISSING = "accuracy missing";
    private static final String LATENCY_MISSING = "latency missing";

    public RetrainingDecision {
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
    }

    public static RetrainingDecision decide(Monitor.RetrainingPolicy policy, List<FeatureDrift> drifted,
                                            int driftedFeatures, int evaluatedFeatures, ModelPerformance performance) {
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!drifted.isEmpty()) {
            String detail = describe(drifted);
            if (policy.driftShare() == null) {
                reasons.add("feature drift: " + detail);
            } else {
                double share = evaluatedFeatures == 0 ? 0 : (double) driftedFeatures / evaluatedFeatures;
                List<String> critical = drifted.stream().map(FeatureDrift::feature).distinct()
                        .filter(policy.criticalFeatures()::contains).toList();
                if (share >= policy.driftShare()) {
                    reasons.add("dataset drift: " + driftedFeatures + " of " + evaluatedFeatures + " features drifted ("
                            + format(share) + " >= drift-share " + format(policy.driftShare()) + "): " + detail);
                } else if (!critical.isEmpty()) {
                    reasons.add("critical feature drift: " + String.join(", ", critical) + ": " + detail);
                } else {
                    notes.add("feature drift below drift-share (" + driftedFeatures + " of " + evaluatedFeatures
                            + " < " + format(policy.driftShare()) + ") and no critical feature: " + detail);
                }
            }
        }
        if (performance.accuracy() == null) {
            notes.add(ACCURACY_MISSING + ": no model_performance value in the window");
        } else if (performance.accuracy() < policy.accuracyFloor()) {
            reasons.add("accuracy " + format(performance.accuracy()) + " < floor " + format(policy.accuracyFloor()));
        }
        if (performance.latencySeconds() == null) {
            notes.add(LATENCY_MISSING + ": no model_performance value in the window");
        } else if (performance.latencySeconds() > policy.latencyCeiling()) {
            reasons.add("latency " + format(performance.latencySeconds()) + " s > ceiling " + format(policy.latencyCeiling()) + " s");
        }
        return new RetrainingDecision(!reasons.isEmpty(), reasons, notes);
    }

    /**
     * The same decision with the segments' part: their reasons ask for retraining too (segments that decide), their
     * notes are kept (drifted segments that do not decide, new segments).
     */
    public RetrainingDecision withSegments(List<String> segmentReasons, List<String> segmentNotes) {
        if (segmentReasons.isEmpty() && segmentNotes.isEmpty()) {
            return this;
        }
        List<String> allReasons = new ArrayList<>(reasons);
        allReasons.addAll(segmentReasons);
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(segmentNotes);
        return new RetrainingDecision(!allReasons.isEmpty(), allReasons, allNotes);
    }

    /** One line for {@code drift_run.retraining_reason} and the task's reason. */
    public String summary() {
        if (retrain) {
            return String.join("; ", reasons);
        }
        boolean accuracyMissing = notes.stream().anyMatch(n -> n.startsWith(ACCURACY_MISSING));
        boolean latencyMissing = notes.stream().anyMatch(n -> n.startsWith(LATENCY_MISSING));
        List<String> parts = new ArrayList<>();
        // Missing performance is unknown, never "within limits".
        if (accuracyMissing && latencyMissing) {
            parts.add("no drift; performance unknown (not judged)");
        } else if (accuracyMissing || latencyMissing) {
            parts.add("no drift; " + (accuracyMissing ? "latency" : "accuracy") + " within limits, "
                    + (accuracyMissing ? "accuracy" : "latency") + " unknown (not judged)");
        } else {
            parts.add("no drift and performance within limits");
        }
        parts.addAll(notes);
        return String.join("; ", parts);
    }

    private static String describe(List<FeatureDrift> drifted) {
        return String.join(", ", drifted.stream().map(FeatureDrift::describe).toList());
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.4g", value);
    }
}
