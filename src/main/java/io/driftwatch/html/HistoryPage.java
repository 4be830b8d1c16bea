package io.driftwatch.html;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What the history page shows: per monitor a timeline of drifted features, a heat map of scores, its tasks. */
public record HistoryPage(LocalDate from, LocalDate to, String generatedAt, String zone, List<MonitorHistory> monitors) {

    public HistoryPage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        monitors = List.copyOf(monitors);
    }

    /** One monitor over the range. */
    public record MonitorHistory(String anchor, String monitor, String model, String timeline, List<RunLine> runs,
                                 List<String> dates, List<HeatRow> heat, List<TaskLine> tasks) {
        public MonitorHistory {
            runs = List.copyOf(runs);
            dates = List.copyOf(dates);
            heat = List.copyOf(heat);
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * One run of the monitor, linking to its date's page.
     *
     * @param changes what changed in each drifted feature that says so, in feature order
     */
    public record RunLine(String date, String href, String status, String drifted, String driftedFeatures,
                          String retraining, List<String> changes) {
        public RunLine {
            changes = List.copyOf(changes);
        }
    }

    /** A feature's row of the heat map, one cell per date of {@link MonitorHistory#dates()}. */
    public record HeatRow(String feature, List<HeatCell> cells) {
        public HeatRow {
            cells = List.copyOf(cells);
        }
    }

    /**
     * @param text  the largest score ÷ threshold among the feature's methods that date ("–" without a row)
     * @param level 0 (far below) to 4 (drifted, three times the threshold or more), the cell's CSS class
     * @param title the methods' numbers, for the tooltip
     */
    public record HeatCell(String text, int level, boolean drifted, String title) {
    }

    /** A retraining task of the monitor and its outcome. */
    public record TaskLine(String id, String runDate, String status, String attempts, String created, String finished,
                           String reason, String lastError) {
    }
}
