package io.driftwatch.html;

import java.util.ArrayList;
import java.util.List;

import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.LatencySamples;
import io.driftwatch.canary.analysis.CanaryResult;
import io.driftwatch.canary.analysis.MetricResult;
import io.driftwatch.profile.NumericProfile;

/**
 * What the page of a canary verdict shows: the request, the verdict, each metric with its interval, and the latency
 * distributions of both versions.
 *
 * @param latencyChart overlaid latency histogram of both versions (SVG), or null without per-request latencies
 * @param latencies    per version: requests with a latency, median, p90 and p99; empty without latencies
 * @param latencyNotes what the reader should know about the latency chart (why there is none, folded tails)
 */
public record CanaryPage(String title, String model, String baselineVersion, String candidateVersion, String mode,
                         String window, String verdict, String reason, String generatedAt, List<Metric> metrics,
                         String latencyChart, List<LatencyLine> latencies, List<String> latencyNotes) {

    public CanaryPage {
        metrics = List.copyOf(metrics);
        latencies = List.copyOf(latencies);
        latencyNotes = List.copyOf(latencyNotes);
    }

    /** One version's latency summary; {@code role} is "baseline" (production in shadow mode) or "candidate". */
    public record LatencyLine(String role, String version, String requests, String median, String p90, String p99) {
    }

    /**
     * One metric.
     *
     * @param interval the confidence interval of the effect as text, or "–"
     * @param chart    SVG of the effect and its interval against "no change", or null without an interval
     */
    public record Metric(String metric, String classification, String baseline, String candidate, String effect,
                         String interval, String pValue, String rule, String reason, String chart) {
    }

    /** The page of verdict {@code verdictId}; {@code latencies} null when the analysis had no per-request latency. */
    static CanaryPage of(long verdictId, CanaryRequest request, CanaryResult result, LatencySamples latencies,
                         String generatedAt, java.time.ZoneId zone) {
        List<Metric> metrics = result.metrics().stream().map(CanaryPage::metric).toList();
        List<String> notes = new ArrayList<>();
        List<LatencyLine> lines = new ArrayList<>();
        String chart = null;
        String baselineRole = request.mode() == CanaryRequest.Mode.SHADOW ? "production" : "baseline";
        if (latencies == null) {
            notes.add(request.input() == CanaryRequest.Input.METRICS
                    ? "no latency distributions: canary_metrics holds aggregates, not per-request latencies"
                    : "no latency distributions for this verdict");
        } else {
            NumericProfile baseline = profile(latencies.baseline());
            NumericProfile candidate = profile(latencies.candidate());
            lines.add(line(baselineRole, request.baselineVersion(), baseline));
            lines.add(line("candidate", request.candidateVersion(), candidate));
            ChartData.Histogram h = ChartData.histogram(baseline, candidate);
            if (h == null) {
                notes.add("no latency chart: a version logged no latency in the window");
            } else {
                chart = Svg.histogram("Latency in seconds", baselineRole + " " + request.baselineVersion(),
                        "candidate " + request.candidateVersion(), h);
                if (h.foldedTail()) {
                    notes.add("latencies beyond the 1st–99th percentile range are counted in the end bins");
                }
            }
        }
        return new CanaryPage("Canary verdict " + verdictId, request.model(), request.baselineVersion(),
                request.candidateVersion(), Svg.lower(request.mode()) + " from " + Svg.lower(request.input()),
                Format.instant(request.from(), zone) + " – " + Format.instant(request.to(), zone), result.verdict().name(),
                result.reason(), generatedAt, metrics, chart, lines, notes);
    }

    /** The latencies as a profile, exact up to {@link NumericProfile#DEFAULT_EXACT_DISTINCT_CAP} distinct values. */
    static NumericProfile profile(double[] latencies) {
        NumericProfile profile = NumericProfile.create();
        for (double latency : latencies) {
            profile.add(latency);
        }
        return profile;
    }

    private static LatencyLine line(String role, String version, NumericProfile p) {
        boolean any = p.count() > 0;
        return new LatencyLine(role, version, Format.count(p.count()), any ? Format.seconds(p.quantile(0.5)) : "–",
                any ? Format.seconds(p.quantile(0.9)) : "–", any ? Format.seconds(p.quantile(0.99)) : "–");
    }

    private static Metric metric(MetricResult m) {
        boolean ratio = m.metric().equals("error_rate");
        String interval = m.ciLow() == null || m.ciHigh() == null ? "–"
                : "[" + Format.number(m.ciLow()) + ", " + Format.number(m.ciHigh()) + "]";
        String chart = m.ciLow() == null || m.ciHigh() == null || m.effectSize() == null ? null
                : Svg.interval(m.metric(), m.effectSize(), m.ciLow(), m.ciHigh(), ratio ? 1.0 : 0.0);
        return new Metric(m.metric(), m.classification().name(), Format.number(m.baseline()), Format.number(m.candidate()),
                Format.number(m.effectSize()) + (ratio && m.effectSize() != null ? "×" : ""), interval,
                Format.number(m.pValue()), m.rule(), m.reason(), chart);
    }
}
