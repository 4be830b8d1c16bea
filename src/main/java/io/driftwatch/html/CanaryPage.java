package io.driftwatch.html;

import java.util.List;

import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.analysis.CanaryResult;
import io.driftwatch.canary.analysis.MetricResult;

/** What the page of a canary verdict shows: the request, the verdict and each metric with its interval. */
public record CanaryPage(String title, String model, String baselineVersion, String candidateVersion, String mode,
                         String window, String verdict, String reason, String generatedAt, List<Metric> metrics) {

    public CanaryPage {
        metrics = List.copyOf(metrics);
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

    /** The page of verdict {@code verdictId}. */
    static CanaryPage of(long verdictId, CanaryRequest request, CanaryResult result, String generatedAt,
                         java.time.ZoneId zone) {
        List<Metric> metrics = result.metrics().stream().map(CanaryPage::metric).toList();
        return new CanaryPage("Canary verdict " + verdictId, request.model(), request.baselineVersion(),
                request.candidateVersion(), Svg.lower(request.mode()) + " from " + Svg.lower(request.input()),
                Format.instant(request.from(), zone) + " – " + Format.instant(request.to(), zone), result.verdict().name(),
                result.reason(), generatedAt, metrics);
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
