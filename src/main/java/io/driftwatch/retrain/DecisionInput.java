package io.driftwatch.retrain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.driftwatch.config.Monitor;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.ModelPerformance;

/**
 * Everything the decide step reads before it decides about one monitor's run.
 *
 * @param rows        the run's drift_report rows as the drift step wrote them (before multiple-testing correction)
 * @param performance the model's performance in the run's window (or {@link ModelPerformance#MISSING})
 * @param queue       the model's state in the retraining queue
 * @param runHasTask  whether an earlier attempt of this run already enqueued its task
 * @param now         the decision's instant (cooldowns are measured to it)
 */
public record DecisionInput(Monitor monitor, DriftRun run, List<DriftReportRow> rows, ModelPerformance performance,
                            Guardrails.QueueState queue, boolean runHasTask, Instant now) {

    public DecisionInput {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(run, "run");
        rows = List.copyOf(rows);
        Objects.requireNonNull(performance, "performance");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(now, "now");
    }
}
