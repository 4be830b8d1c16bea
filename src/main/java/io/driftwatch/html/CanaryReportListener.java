package io.driftwatch.html;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

import io.driftwatch.telemetry.RunEvents;

/**
 * Writes the page of each canary verdict into the report directory as {@code canary-<verdict id>.html}. Logged, not
 * printed: canaryJob's standard output is the verdict JSON that rollout tools read. A failure never changes the
 * verdict.
 */
public class CanaryReportListener {

    private static final Logger log = LoggerFactory.getLogger(CanaryReportListener.class);

    private final HtmlReports reports;
    private final Path dir;
    private final ZoneId zone;
    private final Clock clock;

    /** {@code dir} null writes nothing (driftwatch.report.dir unset). */
    public CanaryReportListener(HtmlReports reports, Path dir, ZoneId zone, Clock clock) {
        this.reports = reports;
        this.dir = dir;
        this.zone = zone;
        this.clock = clock;
    }

    /** The file name of a verdict's page. */
    public static String fileName(long verdictId) {
        return "canary-" + verdictId + ".html";
    }

    @EventListener
    public void on(RunEvents.CanaryVerdictIssued event) {
        if (dir == null) {
            return;
        }
        try {
            long start = System.nanoTime();
            CanaryPage page = CanaryPage.of(event.verdictId(), event.request(), event.result(), event.latencies(),
                    Format.instant(clock.instant(), zone), zone);
            String html = reports.render("canary.jte", page);
            HtmlReports.Written written = HtmlReports.write(dir.resolve(fileName(event.verdictId())), html,
                    (System.nanoTime() - start) / 1_000_000);
            log.info("HTML page of canary verdict {} written to {} ({} bytes)", event.verdictId(), written.file(),
                    written.bytes());
        } catch (RuntimeException e) {
            log.warn("HTML page of canary verdict {} not written: {}", event.verdictId(), e.toString(), e);
        }
    }
}
