package io.driftwatch.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium with the network off, as {@link HtmlReportBrowserTest} drives it, for a test that opens
 * one page. Skips the test with a message when Chromium is not installed, except under CI ({@code CI=true}).
 */
final class HeadlessChromium implements AutoCloseable {

    final ChromeDriver browser;

    private HeadlessChromium(ChromeDriver browser) {
        this.browser = browser;
    }

    static HeadlessChromium start() {
        Path chromium = HtmlReportBrowserTest.CHROMIUM;
        Path driver = HtmlReportBrowserTest.CHROMEDRIVER;
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            String why = "Chromium browser tests need Debian's chromium and chromium-driver (" + chromium + ", " + driver
                    + "): apt-get install chromium chromium-driver (.ci/run does)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + "; they are required under CI");
            }
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1200,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .build(), options);
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.setNetworkConditions(offline);
        return new HeadlessChromium(browser);
    }

    void open(Path file) {
        browser.manage().window().setSize(new Dimension(1200, 900));
        browser.get(file.toAbsolutePath().toUri().toString());
    }

    Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    List<String> severeConsoleEntries() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** A full-page screenshot under target/html-report/ for a person to look at. */
    void screenshot(String name) throws IOException {
        long height = (Long) script("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1200, (int) Math.min(height + 120, 12_000)));
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(HtmlReportBrowserTest.OUT);
        Files.copy(shot, HtmlReportBrowserTest.OUT.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        browser.quit();
    }
}
