package io.driftwatch.retrain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.config.Monitor;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.FeatureEvaluator;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.report.ModelPerformance;
import io.driftwatch.retrain.queue.RetrainingQueue;

/**
 * The decide step's transactional shell around {@link Decider}: reads what the decision needs, lets it
 * decide, then writes once: the rows the multiple-testing correction judged anew, the task (through
 * the same {@link RetrainingQueue} that pipelines use) and the completed run. The caller runs it in one
 * transaction, so the task exists exactly when the run is complete.
 */
public class RunCompleter {

    private static final Logger log = LoggerFactory.getLogger(RunCompleter.class);

    private final JdbcDriftRunDao runs;
    private final JdbcDriftReportDao reports;
    private final JdbcModelPerformanceDao performance;
    private final JdbcTaskQueries tasks;
    private final RetrainingQueue queue;
    private final JsonMapper json;
    private final Clock clock;

    public RunCompleter(JdbcDriftRunDao runs, JdbcDriftReportDao reports, JdbcModelPerformanceDao performance,
                        JdbcTaskQueries tasks, RetrainingQueue queue, JsonMapper json, Clock clock) {
        this.runs = runs;
        this.reports = reports;
        this.performance = performance;
        this.tasks = tasks;
        this.queue = queue;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Decides about a RUNNING run and completes it.
     *
     * @throws IllegalStateException when the run is no longer RUNNING (another execution completed or
     *                               failed it first); the caller's transaction then rolls back
     */
    public Decision complete(Monitor monitor, DriftRun run, ZoneId zone) {
        LocalDate from = run.windowStart().atZone(zone).toLocalDate();
        ModelPerformance perf = performance.latest(monitor.performanceTable(), monitor.model(), from, run.runDate());
        // In configured order, not in the order partitions happened to write them: the reason, the evidence and the
        // snapshot then read the same on every run of the same rows.
        List<DriftReportRow> rows = new ArrayList<>(FeatureEvaluator.inConfiguredOrder(monitor, reports.findByRun(run.id())));
        // Segments in label order, each in configured order (the sort is stable).
        rows.addAll(FeatureEvaluator.inConfiguredOrder(monitor, reports.findSegmentsByRun(run.id())).stream()
                .sorted(java.util.Comparator.comparing(DriftReportRow::segment)).toList());
        DecisionInput input = new DecisionInput(monitor, run, rows, perf,
                tasks.queueState(monitor.model(), monitor.retraining().period()),
                tasks.forRun(monitor.name(), run.runDate()).isPresent(), clock.instant());
        Decision decision = Decider.decide(input);

        decision.rejudged().forEach(reports::updateVerdict);
        if (decision.enqueues()) {
            Optional<Long> id = queue.enqueue(decision.task(json.writeValueAsString(decision.evidence())));
            if (id.isEmpty()) {
                decision = decision.notInserted(tasks.forRun(monitor.name(), run.runDate()).isPresent());
            }
        }
        if (!runs.complete(run.id(), decision.completion(json.writeValueAsString(decision.snapshot())))) {
            throw new IllegalStateException("drift_run " + run.id() + " of monitor '" + monitor.name()
                    + "' is no longer RUNNING; it was completed or failed by another execution");
        }
        log.info("Monitor {} {}: {} of {} features drifted; retraining {} ({})", monitor.name(), run.runDate(),
                decision.dataset().featuresDrifted(), decision.dataset().featuresEvaluated(), decision.outcome(),
                decision.reason());
        return decision;
    }
}
