package io.driftwatch.telemetry;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.push.PushMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Exports what a terminated process still holds. On a normal exit the application context closes
 * and Spring Boot flushes the span exporter, closes push registries (OTLP) and runs the
 * Pushgateway's shutdown push. On SIGTERM the JVM exits from the graceful-stop hook while the
 * context is never closed; the hook calls {@link #afterTermination} once the stopped job's command
 * has finished, and this does the same flushes, so the stopped night's trace and final meters
 * (outcome {@code stopped}) still reach the collector.
 */
public class ExitFlush {

    private static final Logger log = LoggerFactory.getLogger(ExitFlush.class);

    private final ObjectProvider<SdkTracerProvider> tracers;
    private final ObjectProvider<PushMeterRegistry> pushRegistries;
    private final ObjectProvider<PrometheusPushGatewayManager> pushgateway;
    private final CountDownLatch finished = new CountDownLatch(1);

    public ExitFlush(ObjectProvider<SdkTracerProvider> tracers, ObjectProvider<PushMeterRegistry> pushRegistries,
                     ObjectProvider<PrometheusPushGatewayManager> pushgateway) {
        this.tracers = tracers;
        this.pushRegistries = pushRegistries;
        this.pushgateway = pushgateway;
    }

    /** After every other listener of the event (the final meters are recorded by then). */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void on(RunEvents.ProcessFinished event) {
        finished.countDown();
    }

    /**
     * Waits up to {@code wait} for the command to finish, then flushes spans and pushes the final
     * metrics. Failures are logged: the process is exiting either way.
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
            tracers.orderedStream().forEach(tracer -> tracer.forceFlush().join(10, TimeUnit.SECONDS));
            pushRegistries.orderedStream().forEach(PushMeterRegistry::close);
            pushgateway.ifAvailable(PrometheusPushGatewayManager::shutdown);
        } catch (RuntimeException e) {
            log.warn("Could not export the final telemetry on termination: {}", e.toString());
        }
    }
}
