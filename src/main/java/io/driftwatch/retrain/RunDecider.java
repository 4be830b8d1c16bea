package io.driftwatch.retrain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.config.Monitor;
import io.driftwatch.drift.DriftStatus;
import io.driftwatch.drift.MultipleTesting;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.report.RunCompletion;

/**
 * Completes a monitor's run: summarises its report rows, reads model performance, decides on
 * retraining, enqueues the task and marks the run COMPLETED. The caller runs this in one
 * transaction, so the task exists exactly when the run is complete.
 */
public class RunDecider {

    private static final Logger log = LoggerFactory.getLogger(RunDecider.class);

    private final JdbcDriftRunDao runs;
    private final JdbcDriftReportDao reports;
    private final JdbcModelPerformanceDao performance;
    private final JdbcRetrainingTaskDao tasks;
    private final JsonMapper json;
    private final java.time.Clock clock;

    public RunDecider(JdbcDriftRunDao runs, JdbcDriftReportDao reports, JdbcModelPerformanceDao performance,
                      JdbcRetrainingTaskDao tasks, JsonMapper json, java.time.Clock clock) {
        this.clock = clock;
        this.runs = runs;
        this.reports = reports;
        this.performance = performance;
        this.tasks = tasks;
        this.json = json;
    }

    /** Result of completing one run. */
    public record Outcome(String monitor, boolean completedNow, RetrainingDecision decision, boolean taskEnqueued) {
    }

    public Outcome complete(Monitor monitor, DriftRun run, ZoneId zone) {
        List<DriftReportRow> rows = corrected(monitor.methods().correction(), reports.findByRun(run.id()));
        Map<String, List<DriftReportRow>> byFeature = new LinkedHashMap<>();
        rows.forEach(r -> byFeature.computeIfAbsent(r.feature(), k -> new ArrayList<>()).add(r));

        List<FeatureDrift> drifted = new ArrayList<>();
        int evaluated = 0;
        int driftedFeatures = 0;
        List<Map<String, Object>> featureSnapshots = new ArrayList<>();
        for (Map.Entry<String, List<DriftReportRow>> e : byFeature.entrySet()) {
            boolean anyEvaluated = e.getValue().stream().anyMatch(r -> !DriftStatus.INSUFFICIENT_DATA.name().equals(r.status())
                    && !DriftStatus.UNSUPPORTED.name().equals(r.status()));
            boolean featureDrifted = e.getValue().stream().anyMatch(DriftReportRow::drifted);
            evaluated += anyEvaluated ? 1 : 0;
            driftedFeatures += featureDrifted ? 1 : 0;
            List<Map<String, Object>> methodSnapshots = new ArrayList<>();
            for (DriftReportRow r : e.getValue()) {
                if (r.drifted()) {
                    drifted.add(new FeatureDrift(r.feature(), r.method(), r.score(), r.threshold()));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("method", r.method());
                m.put("status", r.status());
                m.put("score", r.score());
                m.put("threshold", r.threshold());
                if (r.isPValueTest()) {
                    m.put("p_value", r.pValue());
                    m.put("p_value_adjusted", r.pValueAdjusted());
                }
                m.put("drifted", r.drifted());
                m.put("severity", r.severity());
                methodSnapshots.add(m);
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("feature", e.getKey());
            f.put("type", e.getValue().get(0).featureType());
            f.put("drifted", featureDrifted);
            f.put("baseline_count", e.getValue().get(0).baselineCount());
            f.put("current_count", e.getValue().get(0).currentCount());
            f.put("baseline_missing", e.getValue().get(0).baselineMissing());
            f.put("current_missing", e.getValue().get(0).currentMissing());
            f.put("methods", methodSnapshots);
            featureSnapshots.add(f);
        }
        Double share = evaluated == 0 ? null : (double) driftedFeatures / evaluated;
        boolean datasetDrift = share != null && share >= monitor.methods().driftShare();

        LocalDate from = run.windowStart().atZone(zone).toLocalDate();
        ModelPerformance perf = performance.latest(monitor.performanceTable(), monitor.model(), from, run.runDate());
        Monitor.RetrainingPolicy policy = monitor.retraining();
        RetrainingDecision decision = RetrainingDecision.decide(policy, drifted, driftedFeatures, evaluated, perf);

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("monitor", monitor.name());
        evidence.put("model", monitor.model());
        evidence.put("run_date", run.runDate().toString());
        evidence.put("reasons", decision.reasons());
        evidence.put("drifted_features", drifted.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", d.feature());
            m.put("method", d.method());
            m.put("score", d.score());
            m.put("threshold", d.threshold());
            return m;
        }).toList());
        evidence.put("performance", performanceJson(perf, monitor.retraining()));

        boolean enqueued = false;
        String decisionName = "NOT_NEEDED";
        String decisionReason = decision.summary();
        if (decision.retrain()) {
            Guardrails.QueueState queue = tasks.queueState(monitor.model(), policy.period());
            long currentRows = run.currentRows() == null ? 0 : run.currentRows();
            Guardrails.Refusal refusal = tasks.existsFor(monitor.name(), run.runDate()) ? null
                    : Guardrails.check(policy, currentRows, queue, clock.instant()).orElse(null);
            if (refusal != null) {
                decisionName = refusal.decision();
                decisionReason = decision.summary() + "; not enqueued: " + refusal.reason();
            } else {
                enqueued = tasks.enqueue(monitor.model(), monitor.name(), run.id(), run.runDate(), decision.summary(),
                        json.writeValueAsString(evidence), policy.priority(), policy.approval(), policy.maxAttempts());
                if (enqueued) {
                    decisionName = policy.approval() ? "AWAITING_APPROVAL" : "ENQUEUED";
                } else if (tasks.existsFor(monitor.name(), run.runDate())) {
                    decisionName = "ALREADY_ENQUEUED";
                } else {
                    decisionName = "SKIPPED_OPEN_TASK";
                    decisionReason = decision.summary() + "; not enqueued: another run opened a task for the model first";
                }
            }
        }

        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("monitor", monitor.name());
        snapshot.put("model", monitor.model());
        snapshot.put("run_date", run.runDate().toString());
        snapshot.put("window", Map.of("start", run.windowStart().toString(), "end", run.windowEnd().toString()));
        Map<String, Object> rowsRead = new LinkedHashMap<>();
        rowsRead.put("baseline", run.baselineRows());
        rowsRead.put("current", run.currentRows());
        snapshot.put("rows_read", rowsRead);
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("features_evaluated", evaluated);
        dataset.put("features_drifted", driftedFeatures);
        dataset.put("drift_share", share);
        dataset.put("dataset_drift", datasetDrift);
        snapshot.put("dataset", dataset);
        snapshot.put("features", featureSnapshots);
        snapshot.put("performance", performanceJson(perf, monitor.retraining()));
        Map<String, Object> retraining = new LinkedHashMap<>();
        retraining.put("decision", decisionName);
        retraining.put("wanted", decision.retrain());
        retraining.put("reason", decisionReason);
        retraining.put("reasons", decision.reasons());
        retraining.put("notes", decision.notes());
        snapshot.put("retraining", retraining);

        boolean completed = runs.complete(run.id(), new RunCompletion(evaluated, driftedFeatures, share, datasetDrift,
                perf.status(), perf.accuracy(), perf.latencySeconds(), decisionName, decisionReason,
                json.writeValueAsString(snapshot)));
        if (!completed) {
            // Another attempt completed the run first; the caller rolls this transaction back.
            throw new IllegalStateException("drift_run " + run.id() + " of monitor '" + monitor.name()
                    + "' is no longer RUNNING; it was completed or failed by another execution");
        }
        log.info("Monitor {} {}: {} of {} features drifted; retraining {} ({})", monitor.name(), run.runDate(),
                driftedFeatures, evaluated, decisionName, decisionReason);
        return new Outcome(monitor.name(), true, decision, enqueued);
    }

    /**
     * Applies the monitor's multiple-testing correction to the p-values of its tests (one family per
     * run: every OK p-value row of every feature) and re-judges those rows on the adjusted p-values.
     */
    private List<DriftReportRow> corrected(MultipleTesting.Correction correction, List<DriftReportRow> rows) {
        List<Integer> tests = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            DriftReportRow r = rows.get(i);
            if (r.isPValueTest() && DriftStatus.OK.name().equals(r.status()) && r.pValue() != null) {
                tests.add(i);
            }
        }
        if (tests.isEmpty()) {
            return rows;
        }
        double[] p = tests.stream().mapToDouble(i -> rows.get(i).pValue()).toArray();
        double[] adjusted = correction.adjust(p);
        List<DriftReportRow> result = new ArrayList<>(rows);
        for (int k = 0; k < tests.size(); k++) {
            DriftReportRow r = rows.get(tests.get(k));
            double q = adjusted[k];
            boolean drifted = q < r.threshold();
            String severity = drifted ? "ALERT" : r.warnThreshold() != null && q < r.warnThreshold() ? "WARN" : "NONE";
            DriftReportRow judged = r.withAdjusted(q, drifted, severity);
            reports.updateVerdict(judged);
            result.set(tests.get(k), judged);
        }
        return result;
    }

    private static Map<String, Object> performanceJson(ModelPerformance perf, Monitor.RetrainingPolicy policy) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", perf.status());
        p.put("metric_date", perf.metricDate() == null ? null : perf.metricDate().toString());
        p.put("accuracy", perf.accuracy());
        p.put("accuracy_floor", policy.accuracyFloor());
        p.put("latency_seconds", perf.latencySeconds());
        p.put("latency_ceiling", policy.latencyCeiling());
        return p;
    }
}
