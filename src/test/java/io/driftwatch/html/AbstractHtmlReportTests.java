package io.driftwatch.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.Outcome;
import io.driftwatch.cli.ReportCommand;
import io.driftwatch.cli.UsageException;
import io.driftwatch.html.RunPage.FeatureSection;
import io.driftwatch.html.RunPage.MethodLine;
import io.driftwatch.html.RunPage.MonitorSection;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.window.JdbcWindowProfileDao.Side;

/** The HTML pages against the database they are drawn from; one subclass per database. */
abstract class AbstractHtmlReportTests extends HtmlReportFixture {

    @Autowired ReportCommand report;

    @Test
    void driftJobWritesOneSmallPagePerRunDate() throws IOException {
        for (var date : List.of(QUIET, DRIFT, STILL)) {
            Path page = REPORT_DIR.resolve(HtmlReports.runFileName(date));
            assertThat(page).exists();
            assertThat(Files.size(page)).isLessThan(300 * 1024);
            String html = Files.readString(page);
            assertThat(html).contains("Drift report for run date " + date).doesNotContain("<script").doesNotContain("<link")
                    .doesNotContain("src=");
        }
    }

    @Test
    void theRunPageShowsTheDatabaseValuesWithDriftedFeaturesFirst() {
        MonitorSection m = runPages().build(DRIFT, null, null).monitors().get(0);
        Map<String, Object> run = jdbc.queryForMap("SELECT * FROM drift_run WHERE run_date = ?", DRIFT);
        Long task = jdbc.queryForObject("SELECT id FROM retraining_task WHERE run_date = ?", Long.class, DRIFT);

        assertThat(m.monitor()).isEqualTo("loans");
        assertThat(m.featuresDrifted()).isEqualTo(run.get("features_drifted").toString());
        assertThat(m.featuresEvaluated()).isEqualTo(run.get("features_evaluated").toString());
        assertThat(m.retraining()).isEqualTo("enqueued");
        assertThat(m.retrainingReason()).isEqualTo(run.get("retraining_reason"));
        assertThat(m.task()).isEqualTo("#" + task + " PENDING");
        assertThat(m.performance()).isEqualTo("accuracy 91.0 %, latency 200 ms");
        assertThat(m.baselineRows()).isEqualTo(Format.count(((Number) run.get("baseline_rows")).longValue()));
        assertThat(m.features()).hasSize(6);
        assertThat(m.features().subList(0, 2)).extracting(FeatureSection::name).containsExactlyInAnyOrder("income", "region");
        assertThat(m.features().subList(0, 2)).allMatch(FeatureSection::drifted);
        assertThat(m.features().subList(2, 6)).noneMatch(FeatureSection::drifted);
        assertThat(m.features().subList(0, 2)).extracting(FeatureSection::pressure)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(m.features().subList(2, 6)).extracting(FeatureSection::pressure)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));

        for (FeatureSection f : m.features()) {
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT method, score, drifted, current_missing FROM drift_report"
                    + " WHERE run_date = ? AND feature = ? ORDER BY id", DRIFT, f.name());
            assertThat(f.methods()).hasSameSizeAs(rows);
            assertThat(f.currentMissing()).isEqualTo(Format.count(((Number) rows.get(0).get("current_missing")).longValue()));
            for (int i = 0; i < rows.size(); i++) {
                MethodLine line = f.methods().get(i);
                assertThat(line.method()).isEqualTo(rows.get(i).get("method"));
                assertThat(line.score()).isEqualTo(Format.number(((Number) rows.get(i).get("score")).doubleValue()));
                assertThat(line.drifted()).isEqualTo(rows.get(i).get("drifted"));
                assertThat(line.sparkline()).as("two earlier runs at most: a sparkline of 2").isNotNull();
            }
            assertThat(f.chart()).startsWith("<svg");
            List<String> explanations = jdbc.queryForList("SELECT explanation FROM drift_report WHERE run_date = ? AND feature = ?"
                    + " AND drifted ORDER BY id", String.class, DRIFT, f.name());
            assertThat(f.whatChanged()).as("what changed in %s", f.name())
                    .isEqualTo(explanations.isEmpty() ? null : explanations.get(0));
        }
        assertThat(m.features().subList(0, 2)).allSatisfy(f -> assertThat(f.whatChanged()).startsWith(f.name() + ": "));
    }

    @Test
    void theIncomeHistogramHoldsTheWindowsRowsBinByBin() {
        long runId = jdbc.queryForObject("SELECT id FROM drift_run WHERE run_date = ?", Long.class, DRIFT);
        NumericProfile baseline = (NumericProfile) profiles.find(runId, Side.BASELINE, "income").orElseThrow();
        NumericProfile current = (NumericProfile) profiles.find(runId, Side.CURRENT, "income").orElseThrow();

        ChartData.Histogram h = ChartData.histogram(baseline, current);

        OffsetDateTime from = DRIFT.minusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = DRIFT.atStartOfDay().atOffset(ZoneOffset.UTC);
        long n = jdbc.queryForObject("SELECT COUNT(income) FROM loan_features WHERE scored_at >= ? AND scored_at < ?"
                + " AND income = income", Long.class, from, to);
        int last = h.bins().size() - 1;
        for (int i = 0; i <= last; i++) {
            String sql = "SELECT COUNT(*) FROM loan_features WHERE scored_at >= ? AND scored_at < ? AND income IS NOT NULL"
                    + (i == 0 ? "" : " AND income >= " + h.edges()[i]) + (i == last ? "" : " AND income < " + h.edges()[i + 1]);
            long inBin = jdbc.queryForObject(sql, Long.class, from, to);
            assertThat(h.bins().get(i).current()).as("bin %d", i).isCloseTo((double) inBin / n, within(1e-9));
        }
    }

    @Test
    void theReportCommandWritesTheHistoryAndEveryRunPageOfTheRange(@TempDir Path out) throws IOException {
        Outcome outcome = report.run(List.of("from=" + QUIET, "to=" + STILL, "out=" + out));

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.COMPLETED);
        String history = Files.readString(out.resolve(HtmlReports.HISTORY_FILE));
        assertThat(history).contains("data-date=\"" + QUIET + "\"", "data-date=\"" + DRIFT + "\"", "data-date=\"" + STILL + "\"")
                .contains("<a href=\"" + HtmlReports.runFileName(DRIFT) + "\">");
        assertThat(history).contains("SKIPPED_OPEN_TASK".toLowerCase().replace('_', ' '));
        Long task = jdbc.queryForObject("SELECT id FROM retraining_task WHERE run_date = ?", Long.class, DRIFT);
        assertThat(history).contains("<td>#" + task + "</td>");
        for (var date : List.of(QUIET, DRIFT, STILL)) {
            assertThat(Files.readString(out.resolve(HtmlReports.runFileName(date)))).contains("href=\"history.html\"");
        }

        HistoryPage page = new HistoryPages(reader, ZoneOffset.UTC, java.time.Clock.systemUTC()).build(QUIET, STILL, "loans");
        var heat = page.monitors().get(0).heat();
        var income = heat.stream().filter(r -> r.feature().equals("income")).findFirst().orElseThrow();
        assertThat(income.cells()).extracting(HistoryPage.HeatCell::drifted).containsExactly(false, true, true);
        var age = heat.stream().filter(r -> r.feature().equals("age")).findFirst().orElseThrow();
        assertThat(age.cells()).extracting(HistoryPage.HeatCell::drifted).containsExactly(false, false, false);
        // what changed per run: the explanation of each drifted feature's first drifted row, features in name order
        for (HistoryPage.RunLine line : page.monitors().get(0).runs()) {
            List<String> expected = jdbc.queryForList("SELECT r.explanation FROM drift_report r WHERE r.run_date = ? AND r.drifted"
                    + " AND r.id = (SELECT MIN(f.id) FROM drift_report f WHERE f.run_id = r.run_id AND f.feature = r.feature"
                    + " AND f.drifted) ORDER BY r.feature", String.class, java.time.LocalDate.parse(line.date()));
            assertThat(line.changes()).as("what changed on %s", line.date()).isEqualTo(expected);
        }
        assertThat(page.monitors().get(0).runs().get(1).changes()).hasSize(2);
        assertThat(history).contains("<ul class=\"changes\"><li>" + page.monitors().get(0).runs().get(1).changes().get(0)
                .replace("'", "&#39;") + "</li>");
    }

    @Test
    void canaryJobWritesTheVerdictPageWithBothVersionsLatencyDistributions() throws IOException {
        Path page = REPORT_DIR.resolve(CanaryReportListener.fileName(canaryVerdictId()));
        String html = Files.readString(page);

        assertThat(html).contains("<span class=\"v-ROLLBACK\">ROLLBACK</span>")
                .contains("aria-label=\"Latency in seconds, baseline v1 and candidate v2 on " + ChartData.NUMERIC_BINS
                        + " shared bins").doesNotContain("<script").doesNotContain("src=");
        for (String version : List.of("v1", "v2")) {
            double[] logged = loggedLatencies(version);
            assertThat(logged).hasSize(500);
            int start = html.indexOf("<tr data-version=\"" + version + "\">");
            assertThat(start).as(version).isNotNegative();
            assertThat(html.substring(start, html.indexOf("</tr>", start)))
                    .contains("<td class=\"n\">500</td>")
                    .contains("<td class=\"n\">" + Format.seconds(CanaryPageTest.linearQuantile(logged, 0.5)) + "</td>")
                    .contains("<td class=\"n\">" + Format.seconds(CanaryPageTest.linearQuantile(logged, 0.99)) + "</td>");
        }
    }

    @Test
    void aRangeWithoutRunsOrBadArgumentsWriteNothingAndSayWhy(@TempDir Path out) {
        Outcome empty = report.run(List.of("from=2020-01-01", "to=2020-01-31", "out=" + out));
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(empty.message()).contains("no run of any monitor between 2020-01-01 and 2020-01-31")
                .contains("from " + QUIET);
        Outcome unknown = report.run(List.of("monitor=nope", "out=" + out));
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
        assertThat(unknown.message()).contains("monitor 'nope'").contains("no run");
        assertThat(out).isEmptyDirectory();

        assertThatThrownBy(() -> report.run(List.of("from=yesterday"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("from must be a date YYYY-MM-DD, got 'yesterday'");
        assertThatThrownBy(() -> report.run(List.of("from=2026-03-12", "to=2026-03-10"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("is after");
        assertThatThrownBy(() -> report.run(List.of("colour=red"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("Unknown argument 'colour=red'");
    }
}
