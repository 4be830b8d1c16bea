package io.driftwatch.html;

import java.util.List;
import java.util.Locale;

import io.driftwatch.html.ChartData.Bin;
import io.driftwatch.html.ChartData.Histogram;

/**
 * Inline SVG charts drawn from {@link ChartData}: no script, no external resource. Colours come from the page's CSS
 * classes ({@code b} baseline, {@code c} current, {@code d} drifted), so light, dark and print themes restyle them;
 * every chart also carries its numbers as text ({@code <title>} per bin and an {@code aria-label}), so colour is never
 * the only signal.
 */
final class Svg {

    static final int WIDTH = 360;
    private static final int HIST_HEIGHT = 96;
    private static final int AXIS = 14;
    private static final int ROW = 17;
    private static final int LABEL = 120;
    private static final int SPARK_WIDTH = 120;
    private static final int SPARK_HEIGHT = 22;

    private Svg() {
    }

    /** Overlaid histogram: baseline as filled bars, current as outlined bars on the same bins. */
    static String histogram(String feature, Histogram h) {
        return histogram("Histogram of " + feature, "baseline", "current", h);
    }

    /**
     * Overlaid histogram of two named samples: {@code baselineName} as filled bars, {@code currentName} as outlined
     * bars; {@code subject} opens the chart's label, e.g. "Latency (s) of version v1 and v2".
     */
    static String histogram(String subject, String baselineName, String currentName, Histogram h) {
        List<Bin> bins = h.bins();
        double top = 0;
        for (Bin bin : bins) {
            top = Math.max(top, Math.max(bin.baseline(), bin.current()));
        }
        double bw = (double) WIDTH / bins.size();
        StringBuilder s = open(WIDTH, HIST_HEIGHT + AXIS, "hist", subject + ", " + baselineName + " and " + currentName
                + " on " + bins.size() + " shared bins from " + Format.number(h.edges()[0]) + " to "
                + Format.number(h.edges()[h.edges().length - 1]));
        for (int i = 0; i < bins.size(); i++) {
            Bin bin = bins.get(i);
            s.append("<g><title>").append(escape(bin.label())).append(": ").append(escape(baselineName)).append(' ')
                    .append(Format.percent(bin.baseline())).append(", ").append(escape(currentName)).append(' ')
                    .append(Format.percent(bin.current())).append("</title>");
            bar(s, "b", i * bw + 0.5, bw - 1, bin.baseline() / top);
            bar(s, "c", i * bw + 0.5, bw - 1, bin.current() / top);
            s.append("</g>");
        }
        s.append("<line class=\"ax\" x1=\"0\" x2=\"").append(WIDTH).append("\" y1=\"").append(HIST_HEIGHT).append("\" y2=\"")
                .append(HIST_HEIGHT).append("\"/>");
        text(s, "0", HIST_HEIGHT + AXIS - 3, "start", Format.number(h.edges()[0]));
        text(s, Format.coord(WIDTH / 2.0), HIST_HEIGHT + AXIS - 3, "middle",
                Format.number((h.edges()[0] + h.edges()[h.edges().length - 1]) / 2));
        text(s, Integer.toString(WIDTH), HIST_HEIGHT + AXIS - 3, "end", Format.number(h.edges()[h.edges().length - 1]));
        return s.append("</svg>").toString();
    }

    private static void bar(StringBuilder s, String cls, double x, double w, double fraction) {
        double height = Math.max(fraction > 0 ? 1 : 0, fraction * (HIST_HEIGHT - 2));
        s.append("<rect class=\"").append(cls).append("\" x=\"").append(Format.coord(x)).append("\" y=\"")
                .append(Format.coord(HIST_HEIGHT - height)).append("\" width=\"").append(Format.coord(w))
                .append("\" height=\"").append(Format.coord(height)).append("\"/>");
    }

    /** Category bars: per category a baseline bar above a current bar, the shares written beside them. */
    static String categories(String feature, List<Bin> bins) {
        double top = 0;
        for (Bin bin : bins) {
            top = Math.max(top, Math.max(bin.baseline(), bin.current()));
        }
        int barSpace = WIDTH - LABEL - 92;
        StringBuilder s = open(WIDTH, bins.size() * ROW + 2, "cats", "Category shares of " + feature
                + ", baseline and current, " + bins.size() + " bars");
        for (int i = 0; i < bins.size(); i++) {
            Bin bin = bins.get(i);
            int y = i * ROW;
            String name = bin.pooled() > 1 ? bin.label() + " ×" + bin.pooled() : bin.label();
            s.append("<g><title>").append(escape(name)).append(bin.unseen() ? " (unseen in baseline)" : "")
                    .append(": baseline ").append(Format.percent(bin.baseline())).append(", current ")
                    .append(Format.percent(bin.current())).append("</title>");
            String shown = name.length() > 18 ? name.substring(0, 17) + "…" : name;
            s.append("<text x=\"").append(LABEL - 4).append("\" y=\"").append(y + 12).append("\" text-anchor=\"end\"")
                    .append(bin.unseen() ? " class=\"d\"" : "").append('>').append(escape(bin.unseen() ? "new " + shown : shown))
                    .append("</text>");
            hbar(s, "b", y + 2, bin.baseline() / top * barSpace);
            hbar(s, "c", y + 9, bin.current() / top * barSpace);
            s.append("<text class=\"v\" x=\"").append(LABEL + barSpace + 4).append("\" y=\"").append(y + 12).append("\">")
                    .append(Format.percent(bin.baseline()).replace(" %", "")).append(" → ")
                    .append(Format.percent(bin.current())).append("</text></g>");
        }
        return s.append("</svg>").toString();
    }

    private static void hbar(StringBuilder s, String cls, int y, double w) {
        s.append("<rect class=\"").append(cls).append("\" x=\"").append(LABEL).append("\" y=\"").append(y)
                .append("\" width=\"").append(Format.coord(Math.max(w > 0 ? 1 : 0, w))).append("\" height=\"6\"/>");
    }

    /** A point of a sparkline: the score of one run (null when the run had none) and whether it drifted. */
    record Point(String date, Double value, boolean drifted) {
    }

    /**
     * A sparkline of one method's score over the last runs, drifted runs as dots, with the threshold as a dashed line
     * when it applies to the score itself ({@code threshold} null for p-value tests); null with fewer than two runs.
     */
    static String sparkline(String what, List<Point> points, Double threshold) {
        if (points.size() < 2) {
            return null;
        }
        double top = threshold == null ? 0 : threshold;
        for (Point p : points) {
            if (p.value() != null && Double.isFinite(p.value())) {
                top = Math.max(top, p.value());
            }
        }
        top = top <= 0 ? 1 : top * 1.1;
        double step = (SPARK_WIDTH - 4.0) / (points.size() - 1);
        StringBuilder s = open(SPARK_WIDTH, SPARK_HEIGHT, "spark", what + " over the last " + points.size() + " runs, from "
                + points.get(0).date() + " to " + points.get(points.size() - 1).date());
        if (threshold != null) {
            String y = Format.coord(y(threshold, top));
            s.append("<line class=\"th\" x1=\"0\" x2=\"").append(SPARK_WIDTH).append("\" y1=\"").append(y).append("\" y2=\"")
                    .append(y).append("\"/>");
        }
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (p.value() == null || !Double.isFinite(p.value())) {
                continue;
            }
            String x = Format.coord(2 + i * step);
            String y = Format.coord(y(p.value(), top));
            line.append(line.isEmpty() ? "" : " ").append(x).append(',').append(y);
            dots.append("<circle class=\"").append(p.drifted() ? "d" : "p").append("\" cx=\"").append(x).append("\" cy=\"")
                    .append(y).append("\" r=\"").append(p.drifted() ? 2.5 : 1.5).append("\"><title>").append(p.date())
                    .append(": ").append(Format.number(p.value())).append(p.drifted() ? " drifted" : "").append("</title></circle>");
        }
        s.append("<polyline points=\"").append(line).append("\"/>").append(dots);
        return s.append("</svg>").toString();
    }

    private static double y(double value, double top) {
        return SPARK_HEIGHT - 2 - value / top * (SPARK_HEIGHT - 4);
    }

    /** Bars of drifted features per run date, for the history page's timeline. */
    static String timeline(String monitor, List<String> dates, List<Integer> drifted, List<Integer> evaluated) {
        int n = dates.size();
        int height = 70;
        int max = 1;
        for (Integer e : evaluated) {
            max = Math.max(max, e == null ? 0 : e);
        }
        double bw = Math.min(36, (double) (WIDTH * 2) / Math.max(1, n));
        int width = Math.max(240, (int) Math.ceil(bw * n));
        StringBuilder s = open(width, height + AXIS, "timeline", "Drifted features of " + monitor
                + " per run, " + n + " runs from " + dates.get(0) + " to " + dates.get(n - 1));
        for (int i = 0; i < n; i++) {
            int d = drifted.get(i) == null ? 0 : drifted.get(i);
            double h = (double) d / max * (height - 12);
            s.append("<g><title>").append(dates.get(i)).append(": ").append(drifted.get(i) == null ? "not completed"
                    : d + " of " + evaluated.get(i) + " features drifted").append("</title><rect class=\"")
                    .append(d > 0 ? "d" : "b").append("\" x=\"").append(Format.coord(i * bw + 1)).append("\" y=\"")
                    .append(Format.coord(height - Math.max(1, h))).append("\" width=\"").append(Format.coord(bw - 2))
                    .append("\" height=\"").append(Format.coord(Math.max(1, h))).append("\"/>");
            if (d > 0) {
                text(s, Format.coord(i * bw + bw / 2), (int) Math.max(10, height - h - 2), "middle", Integer.toString(d));
            }
            s.append("</g>");
        }
        text(s, "0", height + AXIS - 3, "start", dates.get(0));
        if (n > 1) {
            text(s, Integer.toString(width), height + AXIS - 3, "end", dates.get(n - 1));
        }
        return s.append("</svg>").toString();
    }

    /** An effect and its confidence interval as a line on an axis marked at {@code reference} (no change). */
    static String interval(String metric, double effect, double low, double high, double reference) {
        int width = 220;
        int height = 24;
        double min = Math.min(Math.min(low, reference), effect);
        double max = Math.max(Math.max(high, reference), effect);
        double pad = (max - min) * 0.1 + 1e-12;
        double lo = min - pad;
        double span = max - min + 2 * pad;
        java.util.function.DoubleFunction<String> x = v -> Format.coord((v - lo) / span * width);
        StringBuilder s = open(width, height, "ci", metric + ": effect " + Format.number(effect) + ", interval ["
                + Format.number(low) + ", " + Format.number(high) + "], no change at " + Format.number(reference));
        s.append("<line class=\"th\" x1=\"").append(x.apply(reference)).append("\" x2=\"").append(x.apply(reference))
                .append("\" y1=\"2\" y2=\"").append(height - 2).append("\"/>");
        s.append("<line class=\"iv\" x1=\"").append(x.apply(low)).append("\" x2=\"").append(x.apply(high))
                .append("\" y1=\"12\" y2=\"12\"/>");
        s.append("<circle class=\"p\" cx=\"").append(x.apply(effect)).append("\" cy=\"12\" r=\"3\"/>");
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height, String cls, String label) {
        return new StringBuilder(256).append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cls)
                .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\">");
    }

    private static void text(StringBuilder s, String x, int y, String anchor, String value) {
        s.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor).append("\">")
                .append(escape(value)).append("</text>");
    }

    /** Escapes text for SVG (XML) content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(ch) && ch != '\n' && ch != '\t' ? ' ' : ch);
            }
        }
        return out.toString();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
