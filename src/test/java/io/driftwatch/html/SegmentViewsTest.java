package io.driftwatch.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.driftwatch.drift.DriftStatus;
import io.driftwatch.drift.Severity;
import io.driftwatch.drift.ThresholdKind;
import io.driftwatch.html.SegmentView.SegmentRow;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.report.DriftReportRow;
import io.driftwatch.report.DriftReportRow.Judgement;
import io.driftwatch.report.DriftReportRow.WindowStats;

/** The segment view's order, labels and bounds on rows made up to reach them (the page tests use real nights). */
class SegmentViewsTest {

    @Test
    void fiftySegmentsBySixtyDriftedFeaturesStayWithinTheBoundsAndSayWhatTheyLeaveOut() {
        List<DriftReportRow> rows = new ArrayList<>();
        for (int s = 0; s < 102; s++) {
            String label = s == 100 ? "country=(other)" : s == 101 ? "country=(missing)" : "country=C" + s;
            for (int f = 0; f < 60; f++) {
                // every segment drifts on every feature; segment s, feature f has score (s + f + 1) / 10 against 0.05
                rows.add(row(label, "f" + f, (s + f + 1) / 10.0, 0.05, s < 50 ? 1000 : 0));
            }
        }

        SegmentView view = SegmentViews.of("m-x", rows);

        assertThat(view.segments()).isEqualTo(102);
        assertThat(view.drifted()).isEqualTo(102);
        assertThat(view.matrix()).hasSize(SegmentViews.MAX_ROWS);
        assertThat(view.columns()).hasSize(SegmentViews.MAX_COLUMNS);
        assertThat(view.matrix()).allSatisfy(r -> assertThat(r.cells()).hasSize(SegmentViews.MAX_COLUMNS));
        assertThat(view.matrixNote()).isEqualTo("Not shown: 2 more segments and 30 more features with a drifted or warned"
                + " row (listed below as far as the list goes).");
        assertThat(view.lines()).hasSize(SegmentViews.MAX_LINES);
        assertThat(view.linesNote()).startsWith((102 * 60 - SegmentViews.MAX_LINES) + " more drifted or warned segment rows");
        // most severe first: the (missing) segment (s = 101) has the highest scores, then (other), C0 the lowest
        assertThat(view.matrix().get(0).segment()).isEqualTo("country=(missing)");
        assertThat(view.matrix().get(0).kind()).isEqualTo(SegmentView.Kind.MISSING);
        assertThat(view.matrix().get(1).segment()).isEqualTo("country=(other)");
        assertThat(view.matrix().get(1).kind()).isEqualTo(SegmentView.Kind.POOLED);
        assertThat(view.matrix()).extracting(SegmentRow::segment).doesNotContain("country=C0", "country=C1");
        assertThat(view.lines().get(0).segment()).isEqualTo("country=(missing)");
        assertThat(view.lines().get(0).feature()).isEqualTo("f59");
        // segments 50 and beyond have no baseline rows: new in the current window
        assertThat(view.fresh()).hasSize(50).contains("country=C50 (1,000 rows)");
        assertThat(view.matrix()).filteredOn(r -> r.segment().equals("country=C99")).singleElement()
                .satisfies(r -> assertThat(r.kind()).isEqualTo(SegmentView.Kind.NEW));

        // the bounded section, rendered: what it adds to a run page at most
        RunPage.MonitorSection section = new RunPage.MonitorSection("m-x", "x", "model", "COMPLETED", "w", "60", "0", "0 %",
                "no", false, "not needed", null, null, "missing", "1", "1", "scan", null, List.of(), view);
        String html = new HtmlReports(null, null).render("run.jte", new RunPage(java.time.LocalDate.of(2026, 5, 2), "now",
                "UTC", List.of(section), null));
        assertThat(html).contains("<section class=\"segments\"").doesNotContain("<script");
        assertThat(html.split("<tr data-segment=", -1)).hasSize(1 + SegmentViews.MAX_ROWS + SegmentViews.MAX_LINES);
        int bytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.println("[driftwatch tests] run page with the largest segment section: " + bytes + " bytes");
        assertThat(bytes).isLessThan(400 * 1024);
    }

    @Test
    void aWarnedCellRanksBelowADriftedOneAndAnUnjudgedOneShowsItsStatus() {
        DriftReportRow drifted = row("c=A", "x", 0.3, 0.1, 10);
        DriftReportRow warned = withSeverity(row("c=B", "x", 0.08, 0.1, 10), Severity.WARN);
        DriftReportRow quiet = withSeverity(row("c=C", "x", 0.01, 0.1, 10), Severity.NONE);

        SegmentView view = SegmentViews.of("m", List.of(warned, quiet, drifted));

        assertThat(view.matrix()).extracting(SegmentRow::segment).containsExactly("c=A", "c=B");
        assertThat(view.matrix()).extracting(SegmentRow::severity).containsExactly("drifted", "warning");
        assertThat(view.matrix().get(1).cells().get(0).text()).isEqualTo("0.80× △");
        assertThat(view.summary()).isEqualTo("1 of 3 segments drifted, 1 with warnings only (by c); 0 new in the current"
                + " window");
        DriftReportRow unjudged = new DriftReportRow(1, "x", FeatureType.NUMERIC, "ks", "c", new Judgement(
                DriftStatus.INSUFFICIENT_DATA, null, ThresholdKind.P_VALUE_BELOW, 0.01, null, null, null, false,
                Severity.NONE), "configured", new WindowStats(0, 3, 0, 0, null, 1.0, null, 0.0), null, null, "c=D");
        assertThat(SegmentViews.cell(List.of(unjudged)).text()).isEqualTo("–");
        assertThat(SegmentViews.cell(List.of(unjudged)).title()).isEqualTo("ks – p < 0.01 insufficient data");
        assertThat(SegmentViews.of("m", List.of())).isNull();
        assertThat(SegmentViews.pressureText(1.794e17)).isEqualTo("1.8e17×");
        assertThat(SegmentViews.pressureText(999.4)).isEqualTo("999.40×");
        assertThat(SegmentViews.pressureText(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    }

    private static DriftReportRow row(String segment, String feature, double score, double threshold, long baseline) {
        boolean drifted = score >= threshold;
        return new DriftReportRow(1, feature, FeatureType.NUMERIC, "psi", "bins=10", new Judgement(DriftStatus.OK, score,
                ThresholdKind.SCORE_AT_LEAST, threshold, null, null, null, drifted, drifted ? Severity.ALERT : Severity.NONE),
                "configured", new WindowStats(baseline, 1000, 0, 0, 1.0, 2.0, 1.0, 1.0), null,
                drifted ? feature + ": mean 1 → 2" : null, segment);
    }

    private static DriftReportRow withSeverity(DriftReportRow r, Severity severity) {
        var j = r.judgement();
        return r.with(new Judgement(j.status(), j.score(), j.thresholdKind(), j.threshold(), 0.05, null, null,
                severity == Severity.ALERT, severity));
    }
}
