package io.driftwatch.html;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

import io.driftwatch.telemetry.RunEvents;

/**
 * After driftJob publishes a run date, writes that date's page into the report directory and announces it with a
 * {@link Written} event (the console prints its path). A failure is logged and announced, never fails the run.
 */
public class RunReportListener {

    private static final Logger log = LoggerFactory.getLogger(RunReportListener.class);

    /** A run date's page was written, or could not be ({@code error} then says why and {@code page} is null). */
    public record Written(HtmlReports.Written page, String error) {
    }

    private final HtmlReports reports;
    private final Path dir;
    private final ApplicationEventPublisher events;

    /** {@code dir} null writes nothing (driftwatch.report.dir unset). */
    public RunReportListener(HtmlReports reports, Path dir, ApplicationEventPublisher events) {
        this.reports = reports;
        this.dir = dir;
        this.events = events;
    }

    @EventListener
    public void on(RunEvents.DatePublished event) {
        if (dir == null) {
            return;
        }
        Written written;
        try {
            HtmlReports.Written page = reports.writeRunDate(dir, event.summary().runDate(), null, null);
            log.info("HTML report of {} written to {} ({} bytes, rendered in {} ms)", event.summary().runDate(), page.file(),
                    page.bytes(), page.renderMillis());
            written = new Written(page, null);
        } catch (RuntimeException e) {
            log.warn("HTML report of {} not written: {}", event.summary().runDate(), e.toString(), e);
            written = new Written(null, e.getMessage());
        }
        events.publishEvent(written);
    }
}
