package io.driftwatch.telemetry;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Closes the application context of a terminated process, so that what it holds is exported. On a
 * normal exit {@code SpringApplication.exit} closes the context, and closing it flushes the span
 * exporter, closes push registries (OTLP) and runs the Pushgateway's shutdown push. On SIGTERM the JVM
 * exits as soon as the graceful-stop hook returns, before the main thread's close can finish; the hook
 * calls {@link #afterTermination} once the stopped job's command has finished, and the same close
 * happens there (a close already under way on the main thread is waited for), so the stopped night's
 * trace and final meters (outcome {@code stopped}) still reach the collector.
 */
public class ExitFlush {

    private static final Logger log = LoggerFactory.getLogger(ExitFlush.class);

    private final ConfigurableApplicationContext context;
    private final CountDownLatch finished = new CountDownLatch(1);

    public ExitFlush(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** After every other listener of the event (the final meters are recorded by then). */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void on(RunEvents.ProcessFinished event) {
        finished.countDown();
    }

    /**
     * Waits up to {@code wait} for the command to finish, then closes the context. Failures are logged:
     * the process is exiting either way.
     */
    public void afterTermination(Duration wait) {
        try {
            if (!finished.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The command did not finish within {} of the stop; exporting the telemetry recorded so far", wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            context.close();
        } catch (RuntimeException e) {
            log.warn("Could not close the application context on termination: {}", e.toString());
        }
    }
}
