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
 * @param task        the retraining task the run enqueued, or null
 * @param segmentRows the rows of the monitor's segments (none without segments)
 */
public record RunSummary(DriftRun run, List<DriftReportRow> rows, Task task, List<DriftReportRow> segmentRows) {

    /** A run of a monitor without segments. */
    public RunSummary(DriftRun run, List<DriftReportRow> rows, Task task) {
        this(run, rows, task, List.of());
    }

    public RunSummary {
        Objects.requireNonNull(run, "run");
        rows = List.copyOf(rows);
        segmentRows = List.copyOf(segmentRows);
    }

    /** The drifted segments by label, each with its drifted features' rows, in label order. */
    public java.util.SortedMap<String, List<DriftReportRow>> driftedSegments() {
        java.util.SortedMap<String, List<DriftReportRow>> drifted = new java.util.TreeMap<>();
        segmentRows.stream().filter(DriftReportRow::drifted)
                .forEach(r -> drifted.computeIfAbsent(r.segment(), k -> new java.util.ArrayList<>()).add(r));
        return drifted;
    }

    /** Segments with rows in the current window and none in the baseline, with their current rows, in label order. */
    public java.util.SortedMap<String, Long> newSegments() {
        java.util.SortedMap<String, Long> fresh = new java.util.TreeMap<>();
        segmentRows.stream().filter(r -> r.stats().baselineCount() + r.stats().baselineMissing() == 0)
                .forEach(r -> fresh.put(r.segment(), r.stats().currentCount() + r.stats().currentMissing()));
        return fresh;
    }

    /** Whether this run put its task into the queue (not a rerun that found it there: {@code ALREADY_ENQUEUED}). */
    public boolean enqueuedTask() {
        return task != null && run.retrainingDecision() != null && run.retrainingDecision().enqueued();
    }

    /** Summary of a whole run date. */
    public record OfDate(LocalDate runDate, List<RunSummary> monitors) {

        public OfDate {
            monitors = List.copyOf(monitors);
        }

        /** Tasks the date's runs enqueued (a rerun that found its date's task already enqueued adds none). */
        public int tasksEnqueued() {
            return (int) monitors.stream().filter(RunSummary::enqueuedTask).count();
        }
    }
}
