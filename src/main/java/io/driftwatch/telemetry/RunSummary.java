package io.driftwatch.telemetry;

import java.time.LocalDate;
import java.util.List;

import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftRun;

/** Everything the printed summary shows for one monitor. */
public record RunSummary(DriftRun run, List<DriftReportRow> rows, String decision, String reason) {

    /** Summary of a whole run date. */
    public record OfDate(LocalDate runDate, List<RunSummary> monitors, int tasksEnqueued) {
    }
}
