package io.driftwatch.telemetry;

import java.time.LocalDate;
import java.util.List;

import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.LatencySamples;
import io.driftwatch.canary.analysis.CanaryResult;
import io.driftwatch.config.Monitor;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.retrain.Task;

/**
 * What a run tells the outside world, published as Spring application events: meters and incident
 * webhooks listen to these and never to the job's internals. Events are published synchronously on
 * the job's thread, some inside a step's transaction: a listener that acts on committed state uses
 * {@code @TransactionalEventListener(phase = AFTER_COMMIT, fallbackExecution = true)}. A listener
 * that fails must not fail the run: each one catches and logs its own errors.
 */
public final class RunEvents {

    private RunEvents() {
    }

    /**
     * One monitor's run for a date, as the publish step found it (COMPLETED, or FAILED/RUNNING when a
     * monitor could not finish).
     *
     * @param rows        the rows of the whole population
     * @param task        the retraining task this run enqueued, or null
     * @param segmentRows the rows of the monitor's segments, by segment label (none without segments)
     */
    public record MonitorRunPublished(Monitor monitor, DriftRun run, List<DriftReportRow> rows, Task task,
                                      List<DriftReportRow> segmentRows) {

        /** A run of a monitor without segments. */
        public MonitorRunPublished(Monitor monitor, DriftRun run, List<DriftReportRow> rows, Task task) {
            this(monitor, run, rows, task, List.of());
        }

        public MonitorRunPublished {
            segmentRows = List.copyOf(segmentRows);
        }

        public boolean completed() {
            return run.status() == DriftRun.Status.COMPLETED;
        }
    }

    /** Every monitor of a run date was published: the summary a person reads. */
    public record DatePublished(RunSummary.OfDate summary) {
    }

    /**
     * driftJob ended FAILED or STOPPED.
     *
     * @param monitors monitors whose runs for the date were left open and are now FAILED
     */
    public record DriftJobFailed(LocalDate runDate, long jobExecutionId, String status, String message,
                                 List<String> monitors) {
    }

    /**
     * The process's command (driftJob, canaryJob, reaperJob or an operator's {@code tasks ...}) is
     * done and exits with {@code exitCode}; published before the application context closes, so the
     * database is still reachable and final meters are still exported.
     */
    public record ProcessFinished(String job, io.driftwatch.ExitCodes exitCode) {
    }

    /**
     * canaryJob recorded a verdict (row {@code verdictId} of {@code canary_verdict}).
     *
     * @param latencies both versions' per-request latencies, or null when the analysis had none (canary_metrics)
     */
    public record CanaryVerdictIssued(long verdictId, CanaryRequest request, CanaryResult result,
                                      LatencySamples latencies) {

        /** A verdict without per-request latencies. */
        public CanaryVerdictIssued(long verdictId, CanaryRequest request, CanaryResult result) {
            this(verdictId, request, result, null);
        }
    }
}
