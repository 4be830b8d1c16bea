package io.driftwatch.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import io.driftwatch.html.RunPage.MonitorSection;
import io.driftwatch.html.SegmentView.SegmentLine;
import io.driftwatch.html.SegmentView.SegmentRow;
import io.driftwatch.report.JdbcDriftReportDao;
import io.driftwatch.window.JdbcWindowProfileDao;

/**
 * The run page of a segmented monitor against the drift_report rows a real segmented driftJob night wrote. A test
 * interface, so that the segment job tests of each database run it in the context and on the night they already
 * have (monitor {@code segments}: country=LU drifts, country=XX is new, BE and NL are pooled in country=(other)).
 */
public interface SegmentPageTests {

    /** The context of the segmented night. */
    ApplicationContext segmentContext();

    /** The run date of the segmented night. */
    LocalDate segmentNight();

    @Test
    default void theRunPageListsTheDriftedSegmentsMostSevereFirstWithTheDatabaseValues() {
        JdbcTemplate jdbc = segmentContext().getBean(JdbcTemplate.class);
        long runId = jdbc.queryForObject("SELECT id FROM drift_run WHERE monitor = 'segments' AND run_date = ?", Long.class,
                segmentNight());

        MonitorSection m = segmentPages().build(segmentNight(), "segments", null).monitors().get(0);

        // the whole population as before: its rows only
        assertThat(m.features()).extracting(RunPage.FeatureSection::name).containsExactlyInAnyOrder("amount", "channel");
        assertThat(m.features()).allSatisfy(f -> assertThat(f.methods()).hasSize(1));
        SegmentView s = m.segments();
        assertThat(s).isNotNull();
        List<String> segments = jdbc.queryForList("SELECT DISTINCT segment FROM drift_report WHERE run_id = ?"
                + " AND segment IS NOT NULL", String.class, runId);
        List<String> drifted = jdbc.queryForList("SELECT DISTINCT segment FROM drift_report WHERE run_id = ? AND drifted",
                String.class, runId);
        assertThat(drifted).containsExactly("country=LU");
        assertThat(s.segments()).isEqualTo(segments.size()).isEqualTo(7);
        assertThat(s.drifted()).isEqualTo(1);
        assertThat(s.summary()).startsWith("1 of 7 segments drifted").contains("(by country)")
                .endsWith("1 new in the current window");
        // the matrix: segments with a drifted or warned row, drifted first
        List<String> alarming = jdbc.queryForList("SELECT DISTINCT segment FROM drift_report WHERE run_id = ?"
                + " AND segment IS NOT NULL AND severity <> 'NONE'", String.class, runId);
        assertThat(s.matrix()).extracting(SegmentRow::segment).containsExactlyInAnyOrderElementsOf(alarming);
        assertThat(s.matrix().get(0).segment()).isEqualTo("country=LU");
        assertThat(s.matrix().get(0).severity()).isEqualTo("drifted");
        assertThat(s.columns()).first().isEqualTo("amount");
        SegmentView.Cell lu = s.matrix().get(0).cells().get(0);
        assertThat(lu.drifted()).isTrue();
        assertThat(lu.level()).isGreaterThanOrEqualTo(3);
        assertThat(lu.title()).startsWith("ks ").contains("drifted");
        // every drifted or warned row, with its numbers, most severe first
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT segment, feature, method, score, p_value_adjusted,"
                + " threshold, severity FROM drift_report WHERE run_id = ? AND segment IS NOT NULL AND severity <> 'NONE'",
                runId);
        assertThat(s.lines()).hasSameSizeAs(rows);
        assertThat(s.lines()).extracting(SegmentLine::severity)
                .isSortedAccordingTo(Comparator.comparing((String v) -> !v.equals("drifted")));
        for (SegmentLine line : s.lines()) {
            Map<String, Object> row = rows.stream().filter(r -> r.get("segment").equals(line.segment())
                    && r.get("feature").equals(line.feature()) && r.get("method").equals(line.method())).findFirst()
                    .orElseThrow();
            assertThat(line.score()).isEqualTo(Format.number(((Number) row.get("score")).doubleValue()));
            assertThat(line.severity()).isEqualTo(SegmentViews.verdict(io.driftwatch.drift.Severity.valueOf(
                    (String) row.get("severity"))));
            assertThat(line.threshold()).endsWith(Format.number(((Number) row.get("threshold")).doubleValue()));
        }
        assertThat(s.lines().get(0).segment()).isEqualTo("country=LU");
        assertThat(s.lines().get(0).explanation()).startsWith("amount: ");
        // the new and the pooled segment, labelled as such with their rows
        long xx = jdbc.queryForObject("SELECT current_count + current_missing FROM drift_report WHERE run_id = ?"
                + " AND segment = 'country=XX' AND feature = 'amount'", Long.class, runId);
        assertThat(s.fresh()).containsExactly("country=XX (" + Format.count(xx) + " rows)");
        Map<String, Object> other = jdbc.queryForMap("SELECT baseline_count + baseline_missing AS b,"
                + " current_count + current_missing AS c FROM drift_report WHERE run_id = ? AND segment = 'country=(other)'"
                + " AND feature = 'amount'", runId);
        assertThat(s.pooled()).containsExactly("country=(other) (" + Format.count(((Number) other.get("b")).longValue())
                + " baseline, " + Format.count(((Number) other.get("c")).longValue()) + " current rows)");
    }

    @Test
    default void theRenderedPageHoldsTheSegmentSectionWithoutScriptOrRequest(@TempDir Path dir) throws IOException {
        HtmlReports reports = segmentContext().getBean(HtmlReports.class);

        Path page = reports.writeRunDate(dir, segmentNight(), null, null).file();

        String html = Files.readString(page);
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=")
                .contains("<h3 id=\"m-segments-segments\">Segments")
                .contains("<a href=\"#m-segments-segments\">1 of 7 segments drifted")
                .contains("<tr data-segment=\"country=LU\" data-severity=\"drifted\">")
                .contains("<span class=\"badge seg-new\">new</span> in the current window, judged against an empty"
                        + " baseline: country=XX (100 rows)")
                .contains("<span class=\"badge seg-pooled\">pooled</span> every value beyond the column's <code>max</code>"
                        + " most frequent ones: country=(other) (");
        // one section per segmented monitor; the monitors of this context all have segments
        assertThat(html.split("<section class=\"segments\"", -1)).hasSize(1 + 3);
        System.out.println("[driftwatch tests] run page of the segment night: " + Files.size(page) + " bytes");
        assertThat(Files.size(page)).isLessThan(300 * 1024);
    }

    @Test
    default void inHeadlessChromiumTheMatrixPutsTheDriftedSegmentFirstAndEveryLinkResolves(@TempDir Path dir)
            throws IOException {
        JdbcTemplate jdbc = segmentContext().getBean(JdbcTemplate.class);
        Path page = segmentContext().getBean(HtmlReports.class).writeRunDate(dir, segmentNight(), "segments", null).file();

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.open(page);

            assertThat(chromium.severeConsoleEntries()).isEmpty();
            assertThat(chromium.script("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
            List<WebElement> rows = chromium.browser.findElements(By.cssSelector("table.segmatrix tbody tr"));
            assertThat(rows).isNotEmpty();
            assertThat(rows.get(0).getDomAttribute("data-segment")).isEqualTo("country=LU");
            WebElement cell = rows.get(0).findElement(By.cssSelector("td.h3, td.h4"));
            assertThat(cell.getText()).endsWith("▲");
            assertThat(cell.getDomAttribute("title")).startsWith("ks ");
            // the list of drifted and warned rows is unfolded (short) and holds each of them
            int alarming = jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE monitor = 'segments'"
                    + " AND run_date = ? AND segment IS NOT NULL AND severity <> 'NONE'", Integer.class, segmentNight());
            List<WebElement> lines = chromium.browser.findElements(By.cssSelector("details.seglines table tbody tr"));
            assertThat(lines).hasSize(alarming).allSatisfy(l -> assertThat(l.isDisplayed()).isTrue());
            assertThat(lines.get(0).getText()).contains("country=LU", "amount", "ks", "DRIFTED");
            assertThat(chromium.browser.findElement(By.cssSelector("p.seg-fresh")).getText())
                    .contains("new in the current window", "country=XX");
            for (WebElement a : chromium.browser.findElements(By.cssSelector("a[href^='#']"))) {
                String id = a.getDomAttribute("href").substring(1);
                assertThat(chromium.browser.findElements(By.id(id))).as("target of #%s", id).hasSize(1);
            }
            chromium.screenshot("segments-" + segmentNight() + ".png");
        }
    }

    private RunPages segmentPages() {
        ApplicationContext c = segmentContext();
        return new RunPages(c.getBean(JdbcReportReader.class), c.getBean(JdbcDriftReportDao.class),
                c.getBean(JdbcWindowProfileDao.class), c.getBean(JsonMapper.class), ZoneOffset.UTC, 14, Clock.systemUTC());
    }
}
