package io.driftwatch.telemetry;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;
import io.driftwatch.retrain.Task;

/**
 * One monitor's run as the summary of a date shows it.
 *
 * @param task the retraining task the run enqueued, or null
 */
public record RunSummary(DriftRun run, List<DriftReportRow> rows, Task task) {

    public RunSummary {
        Objects.requireNonNull(run, "run");
        rows = List.copyOf(rows);
    }

    /** Summary of a whole run date. */
    public record OfDate(LocalDate runDate, List<RunSummary> monitors) {

        public OfDate {
            monitors = List.copyOf(monitors);
        }

        /** Tasks the date's runs enqueued. */
        public int tasksEnqueued() {
            return (int) monitors.stream().filter(m -> m.task() != null).count();
        }
    }
}
