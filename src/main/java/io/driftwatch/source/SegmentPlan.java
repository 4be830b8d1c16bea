package io.driftwatch.source;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.driftwatch.config.Monitor;

/**
 * Which values of a segment column are segments of their own in one run, fixed before either window
 * is read so that the baseline and every slice of the current window split their rows alike:
 * {@code top}, the values with the most baseline rows (at most {@code max}), and {@code fresh}, values
 * of the current window that the baseline does not hold at all (at most {@code max}, the most frequent).
 * Every other value is pooled in {@link Monitor.Segmentation#OTHER}; NULL forms
 * {@link Monitor.Segmentation#MISSING}.
 *
 * @param pooled         whether the baseline holds more values than {@code top} (then {@code (other)} has baseline rows)
 * @param moreFresh      whether the current window holds more new values than {@code fresh} lists
 */
public record SegmentPlan(Monitor.Segmentation segmentation, List<String> top, List<String> fresh, boolean pooled,
                          boolean moreFresh) {

    public SegmentPlan {
        Objects.requireNonNull(segmentation, "segmentation");
        top = List.copyOf(top);
        fresh = List.copyOf(fresh);
        if (top.size() > segmentation.max() || fresh.size() > segmentation.max()) {
            throw new IllegalArgumentException("a plan of " + segmentation.column() + " lists more than max="
                    + segmentation.max() + " values: " + top.size() + " top, " + fresh.size() + " new");
        }
    }

    /** Every value that is a segment of its own, top first, then the new ones. */
    public List<String> values() {
        Set<String> values = new LinkedHashSet<>(top);
        values.addAll(fresh);
        return List.copyOf(values);
    }

    /** The labels of every segment this plan makes, including {@code (missing)} and {@code (other)}. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        values().forEach(v -> labels.add(segmentation.label(v)));
        labels.add(segmentation.label(Monitor.Segmentation.MISSING));
        labels.add(segmentation.label(Monitor.Segmentation.OTHER));
        return labels;
    }

    /**
     * The plans as one line of text (for a partition's execution context); {@link #decode} reads it back with the
     * monitor's segmentations.
     */
    public static String encode(List<SegmentPlan> plans) {
        StringBuilder text = new StringBuilder();
        for (SegmentPlan p : plans) {
            text.append(text.isEmpty() ? "" : "\n").append(escape(p.segmentation.column().name())).append('\t')
                    .append(p.pooled).append('\t').append(p.moreFresh).append('\t').append(join(p.top)).append('\t')
                    .append(join(p.fresh));
        }
        return text.toString();
    }

    public static List<SegmentPlan> decode(Monitor monitor, String text) {
        List<SegmentPlan> plans = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return plans;
        }
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            String column = unescape(f[0]);
            Monitor.Segmentation s = monitor.segments().stream().filter(x -> x.column().name().equals(column)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("monitor '" + monitor.name() + "' has no segment column "
                            + column + " (the configuration changed during the run?)"));
            plans.add(new SegmentPlan(s, split(f[3]), split(f[4]), Boolean.parseBoolean(f[1]), Boolean.parseBoolean(f[2])));
        }
        return plans;
    }

    private static String join(List<String> values) {
        return String.join(",", values.stream().map(SegmentPlan::escape).toList());
    }

    private static List<String> split(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(",", -1)).map(SegmentPlan::unescape).toList();
    }

    private static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unescape(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
