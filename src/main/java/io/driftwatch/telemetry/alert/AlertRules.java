package io.driftwatch.telemetry.alert;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.analysis.Classification;
import io.driftwatch.canary.analysis.MetricResult;
import io.driftwatch.canary.analysis.Verdict;
import io.driftwatch.config.Monitor;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.RetrainingOutcome;
import io.driftwatch.retrain.Task;
import io.driftwatch.telemetry.RunEvents;

/**
 * Turns run events into observations of problems. A completed run fires or resolves its monitor's dataset
 * drift and retraining problems and resolves its failed-run problem; a failed driftJob fires the failed-run
 * problem of every monitor it left open; a canary verdict fires (ROLLBACK) or resolves (PROMOTE) its
 * candidate's rollback. Problems switched off are never observed.
 */
final class AlertRules {

    private final AlertSettings settings;
    /** The model of a monitor named in a failure event, or null when the monitor is no longer configured. */
    private final Function<String, String> modelOf;

    AlertRules(AlertSettings settings, Function<String, String> modelOf) {
        this.settings = settings;
        this.modelOf = modelOf;
    }

    List<Alert> of(RunEvents.MonitorRunPublished event) {
        Monitor monitor = event.monitor();
        DriftRun run = event.run();
        List<Alert> alerts = new ArrayList<>();
        if (run.status() == DriftRun.Status.FAILED) {
            add(alerts, runFailed(monitor.name(), monitor.model(), run.runDate(), "FAILED", run.failureMessage(), null));
            return alerts;
        }
        if (!event.completed()) {
            return alerts;
        }
        add(alerts, runCompleted(Alert.monitorKey(monitor.name(), Problem.RUN_FAILED), monitor.name(), monitor.model(),
                run.runDate()));
        add(alerts, runCompleted(Alert.jobFailureKey(), null, null, run.runDate()));
        add(alerts, datasetDrift(monitor, run, event.rows()));
        add(alerts, retraining(monitor, run, event.task(), event.segmentRows()));
        return alerts;
    }

    List<Alert> of(RunEvents.DriftJobFailed event) {
        List<Alert> alerts = new ArrayList<>();
        if (event.monitors().isEmpty()) {
            add(alerts, runFailed(null, null, event.runDate(), event.status(), event.message(), event.jobExecutionId()));
        }
        for (String monitor : event.monitors()) {
            add(alerts, runFailed(monitor, modelOf.apply(monitor), event.runDate(), event.status(), event.message(),
                    event.jobExecutionId()));
        }
        return alerts;
    }

    List<Alert> of(RunEvents.CanaryVerdictIssued event) {
        Verdict verdict = event.result().verdict();
        if (verdict == Verdict.INCONCLUSIVE || !settings.problems().contains(Problem.CANARY_ROLLBACK)) {
            return List.of();
        }
        CanaryRequest r = event.request();
        boolean rollback = verdict == Verdict.ROLLBACK;
        String subject = "model " + r.model() + " candidate " + r.candidateVersion() + " (baseline " + r.baselineVersion()
                + ", " + r.mode().name().toLowerCase(Locale.ROOT) + ", " + r.from() + " to " + r.to() + ")";
        String summary = (rollback ? "Canary ROLLBACK: " : "Canary PROMOTE, rollback cleared: ") + subject + ": "
                + event.result().reason();
        String description = rollback
                ? summary + ". Roll the candidate back; canary_verdict row " + event.verdictId() + " holds every metric."
                : summary + ". A later analysis of the same candidate passed (canary_verdict row " + event.verdictId() + ").";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("verdict", verdict.name());
        details.put("verdict_id", event.verdictId());
        details.put("baseline_version", r.baselineVersion());
        details.put("candidate_version", r.candidateVersion());
        details.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
        details.put("window_start", r.from().toString());
        details.put("window_end", r.to().toString());
        details.put("failed_metrics", event.result().metrics().stream()
                .filter(m -> m.classification() == Classification.FAIL).map(MetricResult::reason).toList());
        return List.of(new Alert(Problem.CANARY_ROLLBACK, Alert.canaryKey(r.model(), r.candidateVersion()),
                rollback ? Alert.Status.FIRING : Alert.Status.RESOLVED, settings.severity(Problem.CANARY_ROLLBACK), null,
                r.model(), Map.of("candidate_version", r.candidateVersion()), summary, description, details, null));
    }

    private Alert datasetDrift(Monitor monitor, DriftRun run, List<DriftReportRow> rows) {
        if (run.featuresEvaluated() == null || run.featuresEvaluated() == 0 || run.datasetDrift() == null) {
            // Nothing could be judged (empty window): an unknown neither opens nor clears an incident.
            return null;
        }
        boolean drift = run.datasetDrift();
        List<String> drifted = rows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::feature).distinct().toList();
        String share = run.driftShare() == null ? "?" : format(run.driftShare());
        String counts = run.featuresDrifted() + " of " + run.featuresEvaluated() + " features drifted (share " + share
                + (drift ? " >= " : " < ") + "drift-share " + format(monitor.methods().driftShare()) + ")";
        String summary = (drift ? "Dataset drift on " : "No dataset drift on ") + subject(monitor, run.runDate()) + ": " + counts
                + (drifted.isEmpty() ? "" : ": " + String.join(", ", drifted));
        List<String> explanations = rows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::explanation)
                .filter(java.util.Objects::nonNull).distinct().toList();
        String description = drift
                ? summary + ". " + (explanations.isEmpty() ? "" : "What changed: " + String.join(" | ", explanations) + ". ")
                + "The drift_report rows of run " + run.id() + " hold every feature's scores."
                : summary + ". The dataset drift seen by earlier runs has cleared.";
        Map<String, Object> details = runDetails(run);
        details.put("features_evaluated", run.featuresEvaluated());
        details.put("features_drifted", run.featuresDrifted());
        details.put("drift_share", run.driftShare());
        details.put("drift_share_threshold", monitor.methods().driftShare());
        details.put("drifted_features", drifted);
        details.put("explanations", explanations);
        return alert(Problem.DATASET_DRIFT, monitor, run.runDate(), drift, summary, description, details);
    }

    private Alert retraining(Monitor monitor, DriftRun run, Task task, List<DriftReportRow> segmentRows) {
        RetrainingOutcome decision = run.retrainingDecision();
        if (decision == null) {
            return null;
        }
        boolean wanted = decision.wanted();
        String summary = wanted
                ? "Retraining of " + monitor.model() + " wanted by " + subject(monitor, run.runDate()) + ": " + decision
                        + (task == null ? "" : " (task " + task.id() + ")") + ": " + run.retrainingReason()
                : "No retraining needed by " + subject(monitor, run.runDate()) + ": " + run.retrainingReason();
        String description = wanted
                ? summary + ". The retraining_task queue holds the task and its evidence."
                : summary + ".";
        Map<String, Object> details = runDetails(run);
        details.put("decision", decision.name());
        details.put("reason", run.retrainingReason());
        if (!monitor.segments().isEmpty()) {
            details.put("drifted_segments", segmentRows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::segment)
                    .distinct().sorted().toList());
        }
        if (task != null) {
            details.put("task_id", task.id());
            details.put("task_status", task.status().name());
        }
        return alert(Problem.RETRAINING, monitor, run.runDate(), wanted, summary, description, details);
    }

    private Alert runFailed(String monitor, String model, LocalDate runDate, String status, String message, Long jobExecutionId) {
        String what = monitor == null ? "driftJob " + runDate : "driftJob " + runDate + " for monitor " + monitor;
        String summary = what + " " + status + ": " + (message == null ? "no message" : message);
        String description = summary + ". Rerun the same runDate to resume from the failed step.";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("run_date", runDate.toString());
        details.put("status", status);
        details.put("message", message);
        if (jobExecutionId != null) {
            details.put("job_execution_id", jobExecutionId);
        }
        String key = monitor == null ? Alert.jobFailureKey() : Alert.monitorKey(monitor, Problem.RUN_FAILED);
        return new Alert(Problem.RUN_FAILED, key, Alert.Status.FIRING, settings.severity(Problem.RUN_FAILED), monitor, model,
                Map.of(), summary, description, details, runDate);
    }

    private Alert runCompleted(String key, String monitor, String model, LocalDate runDate) {
        String summary = (monitor == null ? "driftJob " : "driftJob for monitor " + monitor + " ") + "completed its run of "
                + runDate;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("run_date", runDate.toString());
        details.put("status", "COMPLETED");
        return new Alert(Problem.RUN_FAILED, key, Alert.Status.RESOLVED, settings.severity(Problem.RUN_FAILED), monitor, model,
                Map.of(), summary, summary + ".", details, runDate);
    }

    private Alert alert(Problem problem, Monitor monitor, LocalDate runDate, boolean firing, String summary, String description,
                        Map<String, Object> details) {
        return new Alert(problem, Alert.monitorKey(monitor.name(), problem), firing ? Alert.Status.FIRING : Alert.Status.RESOLVED,
                settings.severity(problem), monitor.name(), monitor.model(), Map.of(), summary, description, details, runDate);
    }

    private static Map<String, Object> runDetails(DriftRun run) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("run_date", run.runDate().toString());
        details.put("run_id", run.id());
        details.put("window_start", run.windowStart().toString());
        details.put("window_end", run.windowEnd().toString());
        return details;
    }

    private static String subject(Monitor monitor, LocalDate runDate) {
        return "monitor " + monitor.name() + " (model " + monitor.model() + ") on " + runDate;
    }

    /** Keeps the alerts of the problems notified on (driftwatch.alerts.notify-on). */
    private void add(List<Alert> alerts, Alert alert) {
        if (alert != null && settings.problems().contains(alert.problem())) {
            alerts.add(alert);
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
