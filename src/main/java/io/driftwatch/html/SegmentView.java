package io.driftwatch.html;

import java.util.List;

/**
 * The segments of one monitor's run as its section of the run page shows them ({@link SegmentViews} builds it): a
 * matrix of segments by feature with each cell's worst severity (details in its tooltip), then the segment rows that
 * drifted or warned, most severe first. Both are bounded ({@link SegmentViews#MAX_ROWS} segments,
 * {@link SegmentViews#MAX_COLUMNS} features, {@link SegmentViews#MAX_LINES} lines) and say what they left out.
 *
 * @param summary     one line: how many segments drifted, warned, are new, pooled
 * @param columns     the features of the matrix, most alarming first
 * @param matrixNote  what the matrix leaves out, or null
 * @param linesNote   what the list of lines leaves out, or null
 * @param fresh       segments new in the current window, with their current rows: {@code country=XX (100 rows)}
 * @param pooled      the pooled segments with their rows: {@code country=(other) (120 baseline, 130 current rows)}
 */
public record SegmentView(String anchor, String summary, int segments, int drifted, List<String> columns,
                          List<SegmentRow> matrix, String matrixNote, List<SegmentLine> lines, String linesNote,
                          List<String> fresh, List<String> pooled) {

    public SegmentView {
        columns = List.copyOf(columns);
        matrix = List.copyOf(matrix);
        lines = List.copyOf(lines);
        fresh = List.copyOf(fresh);
        pooled = List.copyOf(pooled);
    }

    /** Whether the list of drifted and warned rows starts unfolded: when it is short. */
    public boolean linesOpen() {
        return lines.size() <= 20;
    }

    /**
     * What kind of segment a label is, as the page marks it.
     */
    public enum Kind {
        /** A value of its own, present in the baseline. */
        VALUE(null, null),
        /** A value the baseline does not hold: judged against an empty baseline. */
        NEW("new", "new in the current window: no baseline rows"),
        /** Every value beyond the segment column's most frequent ones, pooled. */
        POOLED("pooled", "(other): the values beyond the segment column's max most frequent ones, pooled"),
        /** The rows whose segment value is NULL. */
        MISSING("null", "(missing): the rows whose segment value is NULL");

        private final String badge;
        private final String title;

        Kind(String badge, String title) {
            this.badge = badge;
            this.title = title;
        }

        /** The badge the page prints after the label, or null for a plain value. */
        public String badge() {
            return badge;
        }

        /** What the badge means (its tooltip). */
        public String title() {
            return title;
        }
    }

    /**
     * A segment's row of the matrix, one cell per column.
     *
     * @param severity the segment's worst severity: "drifted", "warning" or "ok"
     */
    public record SegmentRow(String segment, Kind kind, String severity, String pressure, List<Cell> cells) {
        public SegmentRow {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One segment and feature: the worst of its methods.
     *
     * @param level 0 (far below its threshold) to 4 (drifted, three times the threshold or more), the cell's CSS class
     * @param title every method's score against its threshold and verdict, and what changed
     */
    public record Cell(String text, int level, boolean drifted, String title) {
    }

    /** A drift_report row of a segment that drifted or warned. */
    public record SegmentLine(String segment, Kind kind, String feature, String method, String score, String pValue,
                              String threshold, String pressure, String severity, boolean drifted, String explanation) {
    }
}
