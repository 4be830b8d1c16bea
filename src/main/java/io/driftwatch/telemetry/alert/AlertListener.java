package io.driftwatch.telemetry.alert;

import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.driftwatch.telemetry.RunEvents;

/**
 * Forwards run events to the incident sinks once the data they describe is committed (after the
 * publishing transaction commits; at once when none is active). Nothing is sent for data that is rolled
 * back, and nothing thrown here reaches the job: a delivery or bookkeeping failure is logged and recorded,
 * and the run's outcome and exit code stay what they were.
 */
public final class AlertListener {

    private static final Logger log = LoggerFactory.getLogger(AlertListener.class);

    private final AlertRules rules;
    private final AlertDispatcher dispatcher;

    AlertListener(AlertRules rules, AlertDispatcher dispatcher) {
        this.rules = rules;
        this.dispatcher = dispatcher;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onMonitorRun(RunEvents.MonitorRunPublished event) {
        forward("the run of monitor " + event.monitor().name() + " on " + event.run().runDate(), () -> rules.of(event));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onDriftJobFailed(RunEvents.DriftJobFailed event) {
        forward("the failure of driftJob " + event.runDate(), () -> rules.of(event));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onCanaryVerdict(RunEvents.CanaryVerdictIssued event) {
        forward("canary verdict " + event.verdictId(), () -> rules.of(event));
    }

    private void forward(String what, Supplier<List<Alert>> alerts) {
        if (!dispatcher.anySink()) {
            return;
        }
        try {
            dispatcher.dispatch(alerts.get());
        } catch (RuntimeException | LinkageError e) {
            log.warn("Alerts for {} were not sent: {}. The run is not affected; the next run's observations send what is owed.",
                    what, e.toString(), e);
        }
    }
}
