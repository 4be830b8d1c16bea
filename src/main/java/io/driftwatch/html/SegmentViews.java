package io.driftwatch.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.driftwatch.config.Monitor;
import io.driftwatch.drift.DriftStatus;
import io.driftwatch.drift.Severity;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.report.DriftReportRow;

/**
 * Builds the {@link SegmentView} of a run from its segment rows of drift_report. The view stays bounded whatever the
 * segments and features: the matrix holds only the segments and features with a drifted or warned row, at most
 * {@link #MAX_ROWS} by {@link #MAX_COLUMNS}, and the list at most {@link #MAX_LINES} rows, most severe first; what
 * they leave out is counted on the page.
 */
final class SegmentViews {

    /** Segments (matrix rows) shown: two segmentations of max 50 with their new values fit. */
    static final int MAX_ROWS = 100;
    /** Features (matrix columns) shown. */
    static final int MAX_COLUMNS = 30;
    /** Drifted or warned segment rows listed. */
    static final int MAX_LINES = 100;

    private SegmentViews() {
    }

    /** The view of {@code rows} (a run's segment rows), or null when there are none (a monitor without segments). */
    static SegmentView of(String monitorAnchor, List<DriftReportRow> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, List<DriftReportRow>> bySegment = new TreeMap<>();
        rows.forEach(r -> bySegment.computeIfAbsent(r.segment(), k -> new ArrayList<>()).add(r));
        List<Segment> segments = new ArrayList<>();
        bySegment.forEach((label, segmentRows) -> segments.add(new Segment(label, kind(label, segmentRows), segmentRows)));
        segments.sort(Comparator.comparing((Segment s) -> -s.severity().ordinal())
                .thenComparing(Comparator.comparingDouble(Segment::pressure).reversed()).thenComparing(Segment::label));

        List<Segment> alarming = segments.stream().filter(s -> s.severity() != Severity.NONE).toList();
        List<String> columns = columns(alarming);
        List<SegmentView.SegmentRow> matrix = new ArrayList<>();
        for (Segment s : alarming.subList(0, Math.min(MAX_ROWS, alarming.size()))) {
            Map<String, List<DriftReportRow>> byFeature = new LinkedHashMap<>();
            s.rows().forEach(r -> byFeature.computeIfAbsent(r.feature(), k -> new ArrayList<>()).add(r));
            matrix.add(new SegmentView.SegmentRow(s.label(), s.kind(), verdict(s.severity()), pressureText(s.pressure()),
                    columns.stream().map(f -> cell(byFeature.getOrDefault(f, List.of()))).toList()));
        }
        long alarmingFeatures = alarming.stream().flatMap(s -> s.rows().stream()).filter(r -> r.severity() != Severity.NONE)
                .map(DriftReportRow::feature).distinct().count();
        String matrixNote = note(alarming.size() - matrix.size(), "segment", alarmingFeatures - columns.size(), "feature");

        List<DriftReportRow> alarmingRows = rows.stream().filter(r -> r.severity() != Severity.NONE)
                .sorted(Comparator.comparing((DriftReportRow r) -> -r.severity().ordinal())
                        .thenComparing(Comparator.comparingDouble(RunPages::pressure).reversed())
                        .thenComparing(DriftReportRow::segment).thenComparing(DriftReportRow::feature)
                        .thenComparing(DriftReportRow::method))
                .toList();
        Map<String, SegmentView.Kind> kinds = new LinkedHashMap<>();
        segments.forEach(s -> kinds.put(s.label(), s.kind()));
        List<SegmentView.SegmentLine> lines = alarmingRows.subList(0, Math.min(MAX_LINES, alarmingRows.size())).stream()
                .map(r -> line(r, kinds.get(r.segment()))).toList();
        String linesNote = alarmingRows.size() > lines.size() ? (alarmingRows.size() - lines.size())
                + " more drifted or warned segment rows are not listed: drift_report.segment of this run holds them all"
                : null;

        List<String> fresh = new ArrayList<>();
        List<String> pooled = new ArrayList<>();
        for (Segment s : segments.stream().sorted(Comparator.comparing(Segment::label)).toList()) {
            DriftReportRow first = s.rows().get(0);
            long baseline = first.stats().baselineCount() + first.stats().baselineMissing();
            long current = first.stats().currentCount() + first.stats().currentMissing();
            if (s.kind() == SegmentView.Kind.NEW) {
                fresh.add(s.label() + " (" + Format.count(current) + " rows)");
            } else if (s.kind() == SegmentView.Kind.POOLED) {
                pooled.add(s.label() + " (" + Format.count(baseline) + " baseline, " + Format.count(current)
                        + " current rows)");
            }
        }
        int drifted = (int) segments.stream().filter(s -> s.severity() == Severity.ALERT).count();
        int warned = (int) segments.stream().filter(s -> s.severity() == Severity.WARN).count();
        List<String> segmentColumns = segments.stream().map(s -> s.label().substring(0, s.label().indexOf('=')))
                .distinct().sorted().toList();
        String summary = drifted + " of " + segments.size() + " segments drifted" + (warned > 0 ? ", " + warned
                + " with warnings only" : "") + " (by " + String.join(", ", segmentColumns) + "); " + fresh.size()
                + " new in the current window";
        return new SegmentView(monitorAnchor + "-segments", summary, segments.size(), drifted, columns, matrix, matrixNote,
                lines, linesNote, fresh, pooled);
    }

    /** A segment with its rows, its worst severity and how far past its threshold its most alarming row is. */
    private record Segment(String label, SegmentView.Kind kind, List<DriftReportRow> rows) {

        Severity severity() {
            return rows.stream().map(DriftReportRow::severity).max(Comparator.naturalOrder()).orElse(Severity.NONE);
        }

        double pressure() {
            return rows.stream().mapToDouble(RunPages::pressure).max().orElse(0);
        }
    }

    static SegmentView.Kind kind(String label, List<DriftReportRow> rows) {
        String value = label.substring(label.indexOf('=') + 1);
        if (value.equals(Monitor.Segmentation.OTHER)) {
            return SegmentView.Kind.POOLED;
        }
        if (value.equals(Monitor.Segmentation.MISSING)) {
            return SegmentView.Kind.MISSING;
        }
        return rows.stream().allMatch(r -> r.stats().baselineCount() + r.stats().baselineMissing() == 0)
                ? SegmentView.Kind.NEW : SegmentView.Kind.VALUE;
    }

    /** The features with a drifted or warned segment row: most drifted segments first, then the most alarming. */
    private static List<String> columns(List<Segment> alarming) {
        Map<String, double[]> byFeature = new LinkedHashMap<>(); // drifted segments, warned segments, worst pressure
        for (Segment s : alarming) {
            Map<String, Severity> worst = new LinkedHashMap<>();
            for (DriftReportRow r : s.rows()) {
                worst.merge(r.feature(), r.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                double[] f = byFeature.computeIfAbsent(r.feature(), k -> new double[3]);
                if (r.severity() != Severity.NONE) {
                    f[2] = Math.max(f[2], RunPages.pressure(r));
                }
            }
            worst.forEach((feature, severity) -> {
                if (severity == Severity.ALERT) {
                    byFeature.get(feature)[0]++;
                } else if (severity == Severity.WARN) {
                    byFeature.get(feature)[1]++;
                }
            });
        }
        return byFeature.entrySet().stream().filter(e -> e.getValue()[0] + e.getValue()[1] > 0)
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0])
                        .thenComparingDouble(e -> -e.getValue()[1]).thenComparingDouble(e -> -e.getValue()[2])
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_COLUMNS).map(Map.Entry::getKey).toList();
    }

    /** The worst of a segment's methods on one feature. */
    static SegmentView.Cell cell(List<DriftReportRow> rows) {
        if (rows.isEmpty()) {
            return new SegmentView.Cell("–", 0, false, "no report");
        }
        double worst = 0;
        Severity severity = Severity.NONE;
        boolean evaluated = false;
        StringBuilder title = new StringBuilder();
        for (DriftReportRow r : rows) {
            worst = Math.max(worst, RunPages.pressure(r));
            severity = r.severity().compareTo(severity) > 0 ? r.severity() : severity;
            evaluated |= r.status() == DriftStatus.OK || r.drifted();
            title.append(title.isEmpty() ? "" : "; ").append(r.method()).append(' ').append(Format.number(r.score()))
                    .append(r.isPValueTest() && p(r) != null ? ", p " + Format.number(p(r)) : "").append(' ').append(threshold(r))
                    .append(' ').append(r.status() == DriftStatus.OK || r.drifted() ? verdict(r.severity())
                            : Svg.lower(r.status()));
        }
        rows.stream().filter(DriftReportRow::drifted).map(DriftReportRow::explanation).filter(e -> e != null && !e.isBlank())
                .findFirst().ifPresent(e -> title.append(" ─ ").append(e));
        if (!evaluated) {
            return new SegmentView.Cell("–", 0, false, title.toString());
        }
        boolean drifted = severity == Severity.ALERT;
        int level = drifted ? (worst >= 3 ? 4 : 3) : severity == Severity.WARN ? 2 : worst >= 0.5 ? 1 : 0;
        return new SegmentView.Cell(pressureText(worst) + (drifted ? " ▲" : severity == Severity.WARN ? " △" : ""), level,
                drifted, title.toString());
    }

    private static SegmentView.SegmentLine line(DriftReportRow r, SegmentView.Kind kind) {
        return new SegmentView.SegmentLine(r.segment(), kind, r.feature(), r.method(), Format.number(r.score()),
                Format.number(p(r)), threshold(r), pressureText(RunPages.pressure(r)), verdict(r.severity()), r.drifted(),
                r.explanation());
    }

    private static Double p(DriftReportRow r) {
        return r.judgement().pValueAdjusted() != null ? r.judgement().pValueAdjusted() : r.judgement().pValue();
    }

    private static String threshold(DriftReportRow r) {
        return (r.judgement().thresholdKind() == ThresholdKind.P_VALUE_BELOW ? "p < " : "≥ ")
                + Format.number(r.threshold());
    }

    /** {@link Pressure#text}, in powers of ten from 1,000 on (a p-value of 1e-20 is far past p < 0.05): {@code 1.8e17×}. */
    static String pressureText(double pressure) {
        if (Double.isInfinite(pressure) || pressure < 1000) {
            return Pressure.text(pressure);
        }
        return String.format(Locale.ROOT, "%.2g", pressure).replace("e+0", "e").replace("e+", "e") + "×";
    }

    static String verdict(Severity severity) {
        return switch (severity) {
            case ALERT -> "drifted";
            case WARN -> "warning";
            case NONE -> "ok";
        };
    }

    private static String note(long segments, String segmentWord, long features, String featureWord) {
        List<String> parts = new ArrayList<>();
        if (segments > 0) {
            parts.add(segments + " more " + segmentWord + (segments == 1 ? "" : "s"));
        }
        if (features > 0) {
            parts.add(features + " more " + featureWord + (features == 1 ? "" : "s"));
        }
        return parts.isEmpty() ? null : String.format(Locale.ROOT, "Not shown: %s with a drifted or warned row (listed"
                + " below as far as the list goes).", String.join(" and ", parts));
    }
}
