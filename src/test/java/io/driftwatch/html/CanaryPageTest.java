package io.driftwatch.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.driftwatch.canary.CanaryRequest;
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
    void withoutAReportDirectoryNothingIsWritten(@TempDir Path dir) throws IOException {
        new CanaryReportListener(new HtmlReports(null, null), null, java.time.ZoneId.of("UTC"), Clock.systemUTC())
                .on(new RunEvents.CanaryVerdictIssued(8, REQUEST, RESULT));
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static String row(String html, String metric) {
        int start = html.indexOf("<tr data-metric=\"" + metric + "\">");
        assertThat(start).as(metric).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
