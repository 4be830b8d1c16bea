package io.driftwatch.telemetry.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionOperations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends observations to every sink that is on, keeping {@code alert_state} in step. Per dedup key and sink
 * it sends only what changes something: a new incident, a transition (firing ⇄ resolved), a delivery
 * still owed from an earlier run, and, to Alertmanager only, a problem that keeps firing. The state row is
 * claimed before the request and the outcome recorded after it, each in a transaction of its own
 * ({@code requiresNew}: listeners run after the job's commit, when its connection is still bound), and
 * the request itself runs outside any transaction.
 */
public final class AlertDispatcher {

    /** Meter {@value}: deliveries by sink and outcome (delivered, failed, skipped: budget spent). */
    public static final String DELIVERIES = "driftwatch.alerts.deliveries";

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    /** What an observation asks of one sink. */
    enum Step {
        /** No row yet and the problem fires: open the incident. */
        OPEN,
        /** The row is in the other status: send the transition. */
        TRANSITION,
        /** Same status, but the sink has not accepted it yet: send it again. */
        RETRY,
        /** Still firing and the sink forgets alerts unless told again (Alertmanager). */
        REFRESH,
        /** Nothing to send. */
        NONE,
        /** Another process is delivering this row right now. */
        BUSY,
        /** The row has seen a later run date (a backfill of an older date): ignored. */
        STALE
    }

    private record Claim(long version, Instant openedAt, Step step) {
    }

    private final List<AlertSink> sinks;
    private final HttpDelivery http;
    private final JdbcAlertStateDao states;
    private final TransactionOperations requiresNew;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration lease;

    AlertDispatcher(List<AlertSink> sinks, HttpDelivery http, JdbcAlertStateDao states, TransactionOperations requiresNew,
                    Clock clock, MeterRegistry meters, Duration lease) {
        this.sinks = List.copyOf(sinks);
        this.http = http;
        this.states = states;
        this.requiresNew = requiresNew;
        this.clock = clock;
        this.meters = meters;
        this.lease = lease;
    }

    boolean anySink() {
        return !sinks.isEmpty();
    }

    /**
     * Delivers each observation to each sink; a failure of one never stops the others, nothing is thrown.
     * Sinks are served concurrently (one thread each, observations in order), so a slow or dead sink
     * costs the run its own delivery budget, not the sum of all of them.
     */
    void dispatch(List<Alert> alerts) {
        if (sinks.size() <= 1) {
            sinks.forEach(sink -> deliverAll(alerts, sink));
            return;
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        ExecutorService pool = Executors.newFixedThreadPool(sinks.size(), task -> {
            Thread thread = new Thread(task, "driftwatch-alerts");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> deliveries = new ArrayList<>();
            for (AlertSink sink : sinks) {
                deliveries.add(pool.submit(() -> {
                    if (logContext != null) {
                        MDC.setContextMap(logContext);
                    }
                    try {
                        deliverAll(alerts, sink);
                    } finally {
                        MDC.clear();
                    }
                }));
            }
            for (Future<?> delivery : deliveries) {
                try {
                    delivery.get();
                } catch (ExecutionException e) {
                    log.warn("Alert delivery failed unexpectedly: {}; the next run sends what is owed", e.getCause().toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    log.warn("Interrupted while alerts were delivered; the next run sends what is owed");
                    return;
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private void deliverAll(List<Alert> alerts, AlertSink sink) {
        for (Alert alert : alerts) {
            try {
                deliver(alert, sink);
            } catch (RuntimeException e) {
                log.warn("Alert {} ({}) for {} was not processed: {}. Its alert_state row is unchanged or still claimed;"
                        + " the next run's observation sends what is owed.", alert.dedupKey(), alert.status(), sink.name(),
                        e.toString(), e);
            }
        }
    }

    static Step decide(Optional<JdbcAlertStateDao.State> row, Alert alert, Duration refreshEvery, Instant now) {
        if (row.isEmpty()) {
            return alert.firing() ? Step.OPEN : Step.NONE;
        }
        JdbcAlertStateDao.State state = row.get();
        if (alert.runDate() != null && state.runDate() != null && alert.runDate().isBefore(state.runDate())) {
            return Step.STALE;
        }
        if (state.claimedUntil() != null && state.claimedUntil().isAfter(now)) {
            return Step.BUSY;
        }
        if (state.status() != alert.status()) {
            return Step.TRANSITION;
        }
        if (state.delivery() != JdbcAlertStateDao.DeliveryStatus.DELIVERED) {
            return Step.RETRY;
        }
        // A sink that forgets alerts hears a persisting problem again from every new night, and otherwise once
        // the interval has passed; a duplicate observation (a concurrent run, the same verdict) is not re-sent.
        if (!alert.firing() || refreshEvery == null) {
            return Step.NONE;
        }
        boolean newNight = alert.runDate() != null && (state.runDate() == null || alert.runDate().isAfter(state.runDate()));
        boolean intervalPassed = state.deliveredAt() == null || !state.deliveredAt().plus(refreshEvery).isAfter(now);
        return newNight || intervalPassed ? Step.REFRESH : Step.NONE;
    }

    private void deliver(Alert alert, AlertSink sink) {
        Instant now = now();
        Claim claim = requiresNew.execute(tx -> claim(alert, sink, now));
        if (claim == null) {
            return;
        }
        HttpDelivery.Result result = http.post(sink.name(), sink.request(alert, claim.openedAt(), now()));
        boolean recorded = Boolean.TRUE.equals(requiresNew.execute(tx ->
                states.record(alert.dedupKey(), sink.name(), claim.version(), result, now())));
        String outcome = result.delivered() ? "delivered" : result.attempted() ? "failed" : "skipped";
        Counter.builder(DELIVERIES).description("Incident webhook deliveries by sink and outcome")
                .tags("sink", sink.name(), "outcome", outcome).register(meters).increment();
        if (result.delivered()) {
            log.info("Alert {} {} delivered to {} ({}; HTTP {}, {} attempt(s))", alert.dedupKey(), alert.status(),
                    sink.name(), claim.step(), result.statusCode(), result.attempts());
        } else {
            log.warn("Alert {} {} NOT delivered to {} ({}; HTTP status {}, {} attempt(s)): {}. Recorded in alert_state as {};"
                            + " the next run sends it again. The drift run and its report are not affected.",
                    alert.dedupKey(), alert.status(), sink.name(), claim.step(),
                    result.statusCode() == null ? "none" : result.statusCode(), result.attempts(), result.error(),
                    result.attempted() ? "FAILED" : "PENDING");
        }
        if (!recorded) {
            log.warn("Alert {} for {}: the claim on its alert_state row expired before the outcome was recorded"
                    + " (another process took it over); the outcome above is not stored", alert.dedupKey(), sink.name());
        }
    }

    /** Milliseconds: what every database keeps, so that the startsAt sent first equals the one sent later. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Claim claim(Alert alert, AlertSink sink, Instant now) {
        Optional<JdbcAlertStateDao.State> row = states.find(alert.dedupKey(), sink.name());
        Step step = decide(row, alert, sink.refreshEvery(), now);
        Instant claimedUntil = now.plus(lease);
        switch (step) {
            case OPEN:
                // A concurrent run that inserted first sends it; this one must not.
                return states.insertFiring(alert, sink.name(), now, claimedUntil) ? new Claim(1, now, step) : null;
            case TRANSITION, RETRY, REFRESH: {
                JdbcAlertStateDao.State state = row.orElseThrow();
                Instant openedAt = step == Step.TRANSITION && alert.firing() ? now : state.openedAt();
                int attempts = step == Step.RETRY ? state.attempts() : 0;
                return states.claim(state, alert, openedAt, attempts, now, claimedUntil)
                        ? new Claim(state.version() + 1, openedAt, step) : null;
            }
            case NONE:
                row.ifPresent(state -> states.advanceRunDate(state.dedupKey(), state.sink(), alert.runDate()));
                return null;
            default:
                log.debug("Alert {} {} for {}: {}", alert.dedupKey(), alert.status(), sink.name(), step);
                return null;
        }
    }
}
