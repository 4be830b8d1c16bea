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
 * happens there, so the stopped night's trace and final meters (outcome {@code stopped}) still reach
 * the collector. When the main thread is already closing the context, Spring's {@code close()} returns
 * at once on the second thread; the hook then waits for that close to end rather than letting the JVM
 * halt in the middle of the export.
 */
public class ExitFlush {

    private static final Logger log = LoggerFactory.getLogger(ExitFlush.class);

    /** How long a close begun by another thread (export of spans and final meters) is waited for. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

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
     * Waits up to {@code wait} for the command to finish, then closes the context, or waits up to
     * {@link #CLOSE_WAIT} for a close already under way elsewhere to end. Failures are logged: the
     * process is exiting either way.
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
        // close() returns at once when another thread holds the close; the context turns inactive when that ends
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            while (context.isActive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (context.isActive()) {
            log.warn("The application context did not finish closing within {} of the stop", CLOSE_WAIT);
        }
    }
}
