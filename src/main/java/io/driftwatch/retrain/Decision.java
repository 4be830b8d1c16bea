package io.driftwatch.retrain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.driftwatch.config.Monitor;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.RetrainingOutcome;
import io.driftwatch.report.RunCompletion;
import io.driftwatch.retrain.queue.NewTask;

/**
 * The decide step's verdict on one monitor's run (see {@link Decider}).
 *
 * @param rows     every report row of the run, p-value rows judged after multiple-testing correction
 * @param rejudged the rows whose judgement the correction set (to be written back)
 * @param drifted  the drifted methods, as evidence
 * @param wanted   whether and why retraining is wanted
 * @param outcome  what happens about it; {@link #enqueues()} tells the shell to enqueue {@link #task}
 * @param reason   one line for {@code drift_run.retraining_reason} and the task
 */
public record Decision(DecisionInput input, List<DriftReportRow> rows, List<DriftReportRow> rejudged,
                       DatasetDrift dataset, List<FeatureDrift> drifted, RetrainingDecision wanted,
                       RetrainingOutcome outcome, String reason) {

    /** The longest reason a task or a run stores. */
    static final int MAX_REASON = 2000;

    /**
     * Dataset drift: how many features could be evaluated, how many drifted, their share (null when none
     * could be evaluated) and whether it reached the monitor's drift-share.
     */
    public record DatasetDrift(int featuresEvaluated, int featuresDrifted, Double driftShare, boolean datasetDrift) {
    }

    public Decision {
        Objects.requireNonNull(input, "input");
        rows = List.copyOf(rows);
        rejudged = List.copyOf(rejudged);
        drifted = List.copyOf(drifted);
        Objects.requireNonNull(outcome, "outcome");
        reason = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
    }

    /** Whether the shell must enqueue {@link #task}. */
    public boolean enqueues() {
        return outcome == RetrainingOutcome.ENQUEUED || outcome == RetrainingOutcome.AWAITING_APPROVAL;
    }

    /** The task to enqueue, with its evidence (see {@link #evidence()}) as JSON text. */
    public NewTask task(String evidenceJson) {
        if (!enqueues()) {
            throw new IllegalStateException("the decision is " + outcome + ": there is no task to enqueue");
        }
        Monitor monitor = input.monitor();
        Monitor.RetrainingPolicy policy = monitor.retraining();
        DriftRun run = input.run();
        return new NewTask(monitor.model(), monitor.name(), run.id(), run.runDate(), reason, evidenceJson, policy.priority(),
                NewTask.modelKey(monitor.model()), policy.maxAttempts(), policy.approval());
    }

    /**
     * The decision once the queue refused its task as a duplicate: this run's task exists already (an
     * earlier attempt of the run enqueued it), or another run opened a task for the model first.
     */
    public Decision notInserted(boolean runHasTask) {
        if (runHasTask) {
            return new Decision(input, rows, rejudged, dataset, drifted, wanted, RetrainingOutcome.ALREADY_ENQUEUED, reason);
        }
        return new Decision(input, rows, rejudged, dataset, drifted, wanted, RetrainingOutcome.SKIPPED_OPEN_TASK,
                wanted.summary() + "; not enqueued: another run opened a task for the model first");
    }

    /** What the task carries as evidence. */
    public RunSnapshot.Evidence evidence() {
        DriftRun run = input.run();
        return new RunSnapshot.Evidence(input.monitor().name(), input.monitor().model(), run.runDate().toString(),
                wanted.reasons(), drifted.stream().map(d -> new RunSnapshot.DriftedMethod(d.feature(), d.method(), d.score(),
                d.threshold(), d.explanation())).toList(), performance());
    }

    /** The run as {@code drift_run.snapshot} records it. */
    public RunSnapshot snapshot() {
        DriftRun run = input.run();
        Map<String, List<DriftReportRow>> byFeature = new LinkedHashMap<>();
        rows.stream().filter(DriftReportRow::isPopulation)
                .forEach(r -> byFeature.computeIfAbsent(r.feature(), k -> new ArrayList<>()).add(r));
        List<RunSnapshot.Feature> features = new ArrayList<>();
        byFeature.forEach((feature, featureRows) -> features.add(RunSnapshot.Feature.of(feature, featureRows)));
        return new RunSnapshot(input.monitor().name(), input.monitor().model(), run.runDate().toString(),
                new RunSnapshot.Window(run.windowStart().toString(), run.windowEnd().toString()),
                new RunSnapshot.RowsRead(run.baselineRows(), run.currentRows()),
                new RunSnapshot.Dataset(dataset.featuresEvaluated(), dataset.featuresDrifted(), dataset.driftShare(),
                        dataset.datasetDrift()), features, performance(),
                new RunSnapshot.Retraining(outcome, wanted.retrain(), reason, wanted.reasons(), wanted.notes()));
    }

    /** What the shell writes to {@code drift_run} to complete the run. */
    public RunCompletion completion(String snapshotJson) {
        return new RunCompletion(dataset.featuresEvaluated(), dataset.featuresDrifted(), dataset.driftShare(),
                dataset.datasetDrift(), input.performance(), outcome, reason, snapshotJson);
    }

    private RunSnapshot.Performance performance() {
        Monitor.RetrainingPolicy policy = input.monitor().retraining();
        var perf = input.performance();
        return new RunSnapshot.Performance(perf.status(), perf.metricDate() == null ? null : perf.metricDate().toString(),
                perf.accuracy(), policy.accuracyFloor(), perf.latencySeconds(), policy.latencyCeiling());
    }
}
