package io.driftwatch.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.ReportCommand;

/**
 * The pages in a real browser: Debian's headless Chromium driven through its chromedriver, with the network switched
 * off. Pages and full-page screenshots are left under {@code target/html-report/} for a person to look at. Skipped
 * with a message when Chromium is not installed, except under CI ({@code CI=true}), where that fails.
 */
class HtmlReportBrowserTest extends HtmlReportFixture {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path OUT = Path.of("target", "html-report");

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    @Autowired ReportCommand report;

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theRunPageOpensOfflineWithoutErrorsDriftedFeaturesFirstWithChartsAndWorkingLinks() throws IOException {
        // given the pages of the three nights, rendered from the database by the report command
        assertThat(report.run(List.of("from=" + QUIET, "to=" + STILL, "out=" + OUT)).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        Path page = OUT.resolve(HtmlReports.runFileName(DRIFT)).toAbsolutePath();

        // when
        open(page);

        // then: no console error, no request beyond the file itself
        assertThat(severeConsoleEntries()).isEmpty();
        assertThat(script("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
        // drifted features first, exactly those the database holds as drifted
        List<WebElement> features = browser.findElements(By.cssSelector("article.feature"));
        List<String> order = features.stream().map(f -> f.getDomAttribute("data-feature")).toList();
        List<String> drifted = jdbc.queryForList("SELECT DISTINCT feature FROM drift_report WHERE run_date = ? AND drifted",
                String.class, DRIFT);
        assertThat(order).hasSize(6);
        assertThat(order.subList(0, drifted.size())).containsExactlyInAnyOrderElementsOf(drifted);
        assertThat(features.subList(0, drifted.size())).allSatisfy(f -> assertThat(f.getText()).contains("DRIFTED"));
        // what changed, in the feature's units, on each drifted feature and in the index; nothing on the others
        for (WebElement f : features) {
            String feature = f.getDomAttribute("data-feature");
            List<String> explanation = jdbc.queryForList("SELECT explanation FROM drift_report WHERE run_date = ? AND feature = ?"
                    + " AND drifted ORDER BY id", String.class, DRIFT, feature);
            List<WebElement> changed = f.findElements(By.cssSelector("p.changed"));
            if (explanation.isEmpty()) {
                assertThat(changed).as(feature).isEmpty();
            } else {
                assertThat(changed).as(feature).singleElement().satisfies(p -> assertThat(p.getText())
                        .isEqualTo("What changed: " + explanation.get(0)));
                assertThat(browser.findElement(By.xpath("//table[contains(@class,'index')]//tr[td/a[@href='#"
                        + f.getDomAttribute("id") + "']]/td[contains(@class,'changed')]")).getText()).isEqualTo(explanation.get(0));
            }
        }
        // a distribution chart per feature, a sparkline per method (two earlier runs)
        assertThat(browser.findElements(By.cssSelector("article.feature svg.hist, article.feature svg.cats"))).hasSize(6);
        int methods = jdbc.queryForObject("SELECT COUNT(*) FROM drift_report WHERE run_date = ?", Integer.class, DRIFT);
        assertThat(browser.findElements(By.cssSelector("svg.spark"))).hasSize(methods);
        assertThat(browser.findElements(By.cssSelector("svg.hist g.c rect")).get(0).getSize().getWidth()).isPositive();
        // every in-page link has its target
        List<WebElement> anchors = browser.findElements(By.cssSelector("a[href^='#']"));
        assertThat(anchors).hasSizeGreaterThan(6);
        for (WebElement a : anchors) {
            String id = a.getDomAttribute("href").substring(1);
            assertThat(browser.findElements(By.id(id))).as("target of #%s", id).hasSize(1);
        }
        paintTime("run page " + DRIFT);
        screenshot("run-" + DRIFT + ".png");

        // and the history link leads to the history page
        browser.findElement(By.linkText("History")).click();
        assertThat(browser.getTitle()).contains("drift history");
    }

    @Test
    void theHistoryPageListsTheRunDatesAndLinksToEachRunPage() throws IOException {
        assertThat(report.run(List.of("from=" + QUIET, "to=" + STILL, "out=" + OUT)).exitCode()).isEqualTo(ExitCodes.COMPLETED);
        Path history = OUT.resolve(HtmlReports.HISTORY_FILE).toAbsolutePath();

        open(history);

        assertThat(severeConsoleEntries()).isEmpty();
        assertThat(script("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
        List<String> dates = browser.findElements(By.cssSelector("table.runs tr[data-date]")).stream()
                .map(r -> r.getDomAttribute("data-date")).toList();
        assertThat(dates).containsExactly(QUIET.toString(), DRIFT.toString(), STILL.toString());
        assertThat(browser.findElements(By.cssSelector("svg.timeline"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("table.heat tbody tr"))).hasSize(6);
        // what changed in each drifted feature, on the row of its run date
        List<String> explained = jdbc.queryForList("SELECT DISTINCT explanation FROM drift_report WHERE run_date = ?"
                + " AND drifted", String.class, DRIFT);
        assertThat(browser.findElements(By.cssSelector("table.runs tr[data-date='" + DRIFT + "'] ul.changes li")))
                .extracting(WebElement::getText).containsExactlyInAnyOrderElementsOf(explained).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("table.runs tr[data-date='" + QUIET + "'] ul.changes li"))).isEmpty();
        paintTime("history page");
        screenshot("history.png");

        List<String> hrefs = new ArrayList<>();
        browser.findElements(By.cssSelector("table.runs a")).forEach(a -> hrefs.add(a.getDomAttribute("href")));
        for (String href : hrefs) {
            open(history);
            browser.findElement(By.cssSelector("table.runs a[href='" + href + "']")).click();
            assertThat(browser.getTitle()).as(href).contains("drift report " + href.substring("driftwatch-".length(),
                    href.length() - ".html".length()));
            assertThat(severeConsoleEntries()).as(href).isEmpty();
        }
    }

    @Test
    void theCanaryPageDrawsBothVersionsLatenciesOfflineWithoutErrors() throws IOException {
        Path page = REPORT_DIR.resolve(CanaryReportListener.fileName(canaryVerdictId())).toAbsolutePath();
        Files.createDirectories(OUT);
        Files.copy(page, OUT.resolve("canary.html"), StandardCopyOption.REPLACE_EXISTING);

        open(page);

        assertThat(severeConsoleEntries()).isEmpty();
        assertThat(script("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).endsWith("ROLLBACK");
        WebElement chart = browser.findElement(By.cssSelector(".latency-chart svg.hist"));
        assertThat(chart.getDomAttribute("aria-label")).startsWith("Latency in seconds, baseline v1 and candidate v2");
        assertThat(chart.findElements(By.cssSelector("g.b rect"))).hasSize(ChartData.NUMERIC_BINS);
        assertThat(chart.findElements(By.cssSelector("g.c rect"))).hasSize(ChartData.NUMERIC_BINS);
        // the candidate (about 150 ms slower) is drawn to the right of the baseline: its tallest bar lies further right
        assertThat(tallestBarX(chart, "c")).isGreaterThan(tallestBarX(chart, "b"));
        assertThat(browser.findElements(By.cssSelector("table.latencies tr[data-version]")))
                .extracting(r -> r.getDomAttribute("data-version")).containsExactly("v1", "v2");
        paintTime("canary page");
        screenshot("canary.png");
    }

    private static double tallestBarX(WebElement chart, String cls) {
        return chart.findElements(By.cssSelector("g." + cls + " rect")).stream()
                .max(java.util.Comparator.comparingDouble(r -> Double.parseDouble(r.getDomAttribute("height"))))
                .map(r -> Double.parseDouble(r.getDomAttribute("x"))).orElseThrow();
    }

    private static void open(Path file) {
        chromium.open(file);
    }

    private static Object script(String js) {
        return chromium.script(js);
    }

    private static List<String> severeConsoleEntries() {
        return chromium.severeConsoleEntries();
    }

    /** Prints first-contentful-paint: a measurement for docs/report.md, never asserted (budgets are benchmarks). */
    private static void paintTime(String what) {
        Object paint = script("const p = performance.getEntriesByName('first-contentful-paint')[0];"
                + " return p ? Math.round(p.startTime) : -1");
        System.out.println(String.format(Locale.ROOT, "[driftwatch tests] %s: first contentful paint %s ms", what, paint));
    }

    private static void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
