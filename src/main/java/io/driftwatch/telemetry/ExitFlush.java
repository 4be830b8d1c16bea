package io.driftwatch.telemetry;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Closes the application context of a terminated process, so that what it holds is exported. On a
 * normal exit {@code SpringApplication.exit} closes the context, and closing it flushes the span
 * exporter, closes push registries (OTLP) and runs the Pushgateway's shutdown push. Spring Boot's own
 * shutdown hook is off (it would close the connection pool under a running job), so on SIGTERM the JVM
 * would halt with nothing exported. The process entry point therefore installs one shutdown hook
 * ({@link #onTermination()}) that calls {@link #afterTermination}: it waits for the command to finish
 * (a running driftJob is meanwhile stopped by the graceful-stop hook), then closes the context, so a
 * stopped night's trace and final meters (outcome {@code stopped}) still reach the collector. A close
 * already under way on the main thread is waited for: Spring's {@code close()} returns at once on a
 * second thread, and returning from the hook would halt the JVM in the middle of the export.
 */
public class ExitFlush {

    private static final Logger log = LoggerFactory.getLogger(ExitFlush.class);

    /** How long the command may take to finish after its job stopped (summary, final meters). */
    static final Duration FINISH_WAIT = Duration.ofSeconds(10);

    /** How long a close begun by another thread (export of spans and final meters) is waited for. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    private final ConfigurableApplicationContext context;
    private final Duration grace;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** @param grace {@code driftwatch.shutdown-grace}: how long a running job is given to stop */
    public ExitFlush(ConfigurableApplicationContext context, Duration grace) {
        this.context = context;
        this.grace = grace;
    }

    /**
     * For the process entry point: once the context has started (before the command runs), a JVM
     * shutdown hook that exports what the process holds when it is terminated. It waits up to
     * {@code driftwatch.shutdown-grace} plus {@link #FINISH_WAIT} for the command.
     */
    public static ApplicationListener<ApplicationStartedEvent> onTermination() {
        return event -> {
            ConfigurableApplicationContext context = event.getApplicationContext();
            ExitFlush flush = context.getBeanProvider(ExitFlush.class).getIfAvailable();
            if (flush == null) {
                return;
            }
            Duration wait = flush.grace.plus(FINISH_WAIT);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> flush.afterTermination(wait), "driftwatch-exit-flush"));
        };
    }

    /** After every other listener of the event (the final meters are recorded by then). */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void on(RunEvents.ProcessFinished event) {
        finished.countDown();
    }

    /**
     * Waits up to {@code wait} for the command to finish (or for the context to be closed, as after a
     * failed command), then closes the context, or waits up to {@link #CLOSE_WAIT} for a close already
     * under way elsewhere to end. On a normal exit this returns at once. Failures are logged: the
     * process is exiting either way.
     */
    public void afterTermination(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (finished.getCount() > 0 && context.isActive() && System.nanoTime() < deadline) {
                finished.await(50, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (finished.getCount() > 0 && context.isActive()) {
            log.warn("The command did not finish within {} of the termination request; exporting the telemetry recorded so far",
                    wait);
        }
        try {
            context.close();
        } catch (RuntimeException e) {
            log.warn("Could not close the application context on termination: {}", e.toString());
        }
        // close() returns at once when another thread holds the close; the context turns inactive when that ends
        long closeDeadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            while (context.isActive() && System.nanoTime() < closeDeadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (context.isActive()) {
            log.warn("The application context did not finish closing within {} of the termination request", CLOSE_WAIT);
        }
    }
}
