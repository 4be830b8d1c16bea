package io.driftwatch.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.driftwatch.canary.CanaryRequest;
import io.driftwatch.canary.LatencySamples;
import io.driftwatch.canary.analysis.CanaryResult;
import io.driftwatch.canary.analysis.Classification;
import io.driftwatch.canary.analysis.MetricResult;
import io.driftwatch.canary.analysis.Verdict;
import io.driftwatch.telemetry.RunEvents;

class CanaryPageTest {

    private static final CanaryRequest REQUEST = new CanaryRequest("credit-risk", "v1", "v2", CanaryRequest.Mode.CANARY,
            CanaryRequest.Input.LOGS, Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-03-10T06:00:00Z"));

    private static final CanaryResult RESULT = new CanaryResult(Verdict.ROLLBACK, "latency FAIL: p99 rose by 0.12 s",
            List.of(new MetricResult("latency", Classification.FAIL, 0.21, 0.33, 0.12, 0.08, 0.16, 0.001,
                            "p99 may rise by at most 0.05 s", "the interval lies above 0.05 s"),
                    new MetricResult("error_rate", Classification.PASS, 0.01, 0.011, 1.1, 0.7, 1.6, 0.4,
                            "ratio at most 2", "the interval stays below 2"),
                    new MetricResult("accuracy", Classification.NO_DATA, null, null, null, null, null, null,
                            "needs 100 labelled requests", "only 12 labelled requests")));

    @Test
    void theVerdictPageShowsEveryMetricWithItsClassificationAndInterval(@TempDir Path dir) throws IOException {
        // given
        CanaryReportListener listener = new CanaryReportListener(new HtmlReports(null, null), dir, ZoneId.of("UTC"),
                Clock.systemUTC());

        // when
        listener.on(new RunEvents.CanaryVerdictIssued(7, REQUEST, RESULT));

        // then
        String html = Files.readString(dir.resolve(CanaryReportListener.fileName(7)));
        assertThat(html).contains("Canary verdict 7: <span class=\"v-ROLLBACK\">ROLLBACK</span>")
                .contains("candidate <strong>v2</strong> against baseline v1")
                .contains("2026-03-10 00:00 UTC – 2026-03-10 06:00 UTC");
        assertThat(row(html, "latency")).contains("<strong>FAIL</strong>").contains("[0.08, 0.16]").contains("<svg")
                .contains("0.001");
        assertThat(row(html, "error_rate")).contains("<strong>PASS</strong>").contains("1.1×").contains("[0.7, 1.6]");
        assertThat(row(html, "accuracy")).contains("<strong>NO_DATA</strong>").doesNotContain("<svg")
                .contains("only 12 labelled requests");
        assertThat(html).doesNotContain("<script").doesNotContain("src=");
    }

    @Test
    void theLatencyChartHoldsBothVersionsRequestsBinByBinAndTheTableTheirQuantiles(@TempDir Path dir) throws IOException {
        // given: baseline latencies around 200 ms, the candidate's around 330 ms with a slow tail
        Random random = new Random(5);
        double[] baseline = new double[800];
        double[] candidate = new double[600];
        Arrays.setAll(baseline, i -> 0.2 + 0.02 * random.nextGaussian());
        Arrays.setAll(candidate, i -> i % 200 == 0 ? 2.5 : 0.33 + 0.03 * random.nextGaussian());
        CanaryReportListener listener = new CanaryReportListener(new HtmlReports(null, null), dir, ZoneId.of("UTC"),
                Clock.systemUTC());

        // when
        listener.on(new RunEvents.CanaryVerdictIssued(9, REQUEST, RESULT, new LatencySamples(baseline, candidate)));

        // then: each bin's shares are the versions' requests in it, counted here from the latencies themselves
        ChartData.Histogram h = ChartData.histogram(CanaryPage.profile(baseline), CanaryPage.profile(candidate));
        assertThat(h.bins()).hasSize(ChartData.NUMERIC_BINS);
        assertThat(h.foldedTail()).as("the slow tail of 2.5 s is folded into the last bin").isTrue();
        int last = h.bins().size() - 1;
        for (int i = 0; i <= last; i++) {
            double lo = i == 0 ? Double.NEGATIVE_INFINITY : h.edges()[i];
            double hi = i == last ? Double.POSITIVE_INFINITY : h.edges()[i + 1];
            assertThat(h.bins().get(i).baseline()).as("baseline bin %d", i).isCloseTo(share(baseline, lo, hi), within(1e-12));
            assertThat(h.bins().get(i).current()).as("candidate bin %d", i).isCloseTo(share(candidate, lo, hi), within(1e-12));
        }
        String html = Files.readString(dir.resolve(CanaryReportListener.fileName(9)));
        assertThat(html).contains("<h2 id=\"latency\">Latency distributions")
                .contains("aria-label=\"Latency in seconds, baseline v1 and candidate v2 on 24 shared bins")
                .contains("latencies beyond the 1st–99th percentile range are counted in the end bins");
        assertThat(html.split("<rect class=\"b\"", -1)).hasSize(ChartData.NUMERIC_BINS + 1);
        assertThat(html.split("<rect class=\"c\"", -1)).hasSize(ChartData.NUMERIC_BINS + 1);
        assertThat(row(html, "v1", "data-version")).contains(">800<").contains(">" + Format.seconds(linearQuantile(baseline, 0.5)) + "<")
                .contains(">" + Format.seconds(linearQuantile(baseline, 0.9)) + "<");
        assertThat(row(html, "v2", "data-version")).contains(">600<").contains(">" + Format.seconds(linearQuantile(candidate, 0.99)) + "<");
    }

    @Test
    void aVerdictFromAggregatesSaysWhyItHasNoLatencyDistributions(@TempDir Path dir) throws IOException {
        CanaryRequest fromMetrics = new CanaryRequest("credit-risk", "v1", "v2", CanaryRequest.Mode.CANARY,
                CanaryRequest.Input.METRICS, REQUEST.from(), REQUEST.to());

        new CanaryReportListener(new HtmlReports(null, null), dir, ZoneId.of("UTC"), Clock.systemUTC())
                .on(new RunEvents.CanaryVerdictIssued(10, fromMetrics, RESULT));

        String html = Files.readString(dir.resolve(CanaryReportListener.fileName(10)));
        assertThat(html).contains("no latency distributions: canary_metrics holds aggregates")
                .doesNotContain("class=\"hist\"").doesNotContain("data-version");
    }

    /** numpy's default ("linear") quantile of the values, computed here independently of the profiles. */
    static double linearQuantile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }

    private static double share(double[] values, double lo, double hi) {
        return (double) Arrays.stream(values).filter(v -> v >= lo && v < hi).count() / values.length;
    }

    @Test
    void withoutAReportDirectoryNothingIsWritten(@TempDir Path dir) throws IOException {
        new CanaryReportListener(new HtmlReports(null, null), null, java.time.ZoneId.of("UTC"), Clock.systemUTC())
                .on(new RunEvents.CanaryVerdictIssued(8, REQUEST, RESULT));
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static String row(String html, String metric) {
        return row(html, metric, "data-metric");
    }

    private static String row(String html, String key, String attribute) {
        int start = html.indexOf("<tr " + attribute + "=\"" + key + "\">");
        assertThat(start).as(key).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
