package io.driftwatch.retrain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.driftwatch.config.Monitor;
import io.driftwatch.report.DriftReportRow;

/**
 * The segments' part of a decision, pure like the rest of {@link Decider}: each segment is judged as the whole
 * population is (any drifted feature, or with {@code drift-share} set, that share of its evaluated features or a
 * critical feature), and its drift asks for retraining only when its segmentation says {@code decide: true}; the
 * drift of other segments is a note.
 *
 * @param reasons  why segments ask for retraining, one line per segment
 * @param notes    drifted segments that do not decide, and segments new in the current window
 * @param drifted  the labels of the drifted segments, in label order
 */
record SegmentDrift(List<String> reasons, List<String> notes, List<String> drifted) {

    SegmentDrift {
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
        drifted = List.copyOf(drifted);
    }

    static final SegmentDrift NONE = new SegmentDrift(List.of(), List.of(), List.of());

    /** Judges the segment rows of {@code rows} (the population's rows are ignored), after multiple-testing correction. */
    static SegmentDrift of(Monitor monitor, List<DriftReportRow> rows) {
        if (monitor.segments().isEmpty()) {
            return NONE;
        }
        Map<String, List<DriftReportRow>> bySegment = new TreeMap<>();
        rows.stream().filter(r -> !r.isPopulation()).forEach(r -> bySegment.computeIfAbsent(r.segment(),
                k -> new ArrayList<>()).add(r));
        Monitor.RetrainingPolicy policy = monitor.retraining();
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> driftedSegments = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        bySegment.forEach((segment, segmentRows) -> {
            if (segmentRows.stream().allMatch(r -> r.stats().baselineCount() + r.stats().baselineMissing() == 0)) {
                fresh.add(segment + " (" + (segmentRows.get(0).stats().currentCount()
                        + segmentRows.get(0).stats().currentMissing()) + " rows)");
            }
            List<String> evaluated = segmentRows.stream().filter(DriftReportRow::evaluated).map(DriftReportRow::feature)
                    .distinct().toList();
            List<FeatureDrift> drifted = segmentRows.stream().filter(DriftReportRow::drifted).map(Decider::evidence).toList();
            if (drifted.isEmpty()) {
                return;
            }
            driftedSegments.add(segment);
            List<String> features = drifted.stream().map(FeatureDrift::feature).distinct().toList();
            double share = evaluated.isEmpty() ? 0 : (double) features.size() / evaluated.size();
            boolean critical = features.stream().anyMatch(policy.criticalFeatures()::contains);
            boolean asks = policy.driftShare() == null || share >= policy.driftShare() || critical;
            String line = segment + ": " + features.size() + " of " + evaluated.size() + " features drifted: "
                    + String.join(", ", drifted.stream().map(FeatureDrift::describe).toList());
            if (asks && decides(monitor, segment)) {
                reasons.add("segment drift: " + line);
            } else {
                notes.add("segment drift" + (decides(monitor, segment) ? " below drift-share " + String.format(Locale.ROOT,
                        "%.4g", policy.driftShare()) : " (segments decide: false)") + ": " + line);
            }
        });
        if (!fresh.isEmpty()) {
            notes.add("segments new in the current window: " + String.join(", ", fresh));
        }
        return new SegmentDrift(reasons, notes, driftedSegments);
    }

    /** Whether the segmentation of a label ({@code column=value}) lets its drift ask for retraining. */
    private static boolean decides(Monitor monitor, String segment) {
        String column = segment.substring(0, segment.indexOf('='));
        return monitor.segments().stream().anyMatch(s -> s.column().name().equals(column) && s.decide());
    }
}
