package io.driftwatch.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.driftwatch.config.Monitor;
import io.driftwatch.report.RetrainingOutcome;
import io.driftwatch.retrain.queue.TaskStatus;

/** Each guardrail at its boundary: the last value it lets through and the first it refuses, and which rule speaks first. */
class GuardrailsTest {

    private static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");
    private static final Guardrails.QueueState EMPTY = Guardrails.QueueState.EMPTY;

    private static Monitor.RetrainingPolicy policy(long minRows, Duration cooldown, int maxTasks) {
        return new Monitor.RetrainingPolicy(0.78, 0.5, null, List.of(), minRows, cooldown, maxTasks, Duration.ofDays(30),
                false, 0, 5);
    }

    private static Optional<Guardrails.Refusal> check(Monitor.RetrainingPolicy policy, long rows, Guardrails.QueueState queue) {
        return Guardrails.check(policy, rows, queue, NOW);
    }

    @Test
    void minRowsRefusesAWindowWithFewerRowsAndAcceptsExactlyThatMany() {
        Monitor.RetrainingPolicy p = policy(1000, Duration.ZERO, 0);

        assertThat(check(p, 999, EMPTY)).contains(new Guardrails.Refusal(RetrainingOutcome.SKIPPED_MIN_ROWS,
                "the current window has 999 rows, fewer than min-rows 1000"));
        assertThat(check(p, 1000, EMPTY)).isEmpty();
        assertThat(check(policy(0, Duration.ZERO, 0), 0, EMPTY)).as("min-rows 0: no minimum").isEmpty();
    }

    @Test
    void anOpenTaskRefusesAndIsNamedWithItsStatus() {
        Guardrails.QueueState open = new Guardrails.QueueState(new Guardrails.OpenTask(42, TaskStatus.AWAITING_APPROVAL), null, 1);

        assertThat(check(policy(0, Duration.ZERO, 0), 10, open)).contains(new Guardrails.Refusal(
                RetrainingOutcome.SKIPPED_OPEN_TASK, "the model already has an open task (id 42, AWAITING_APPROVAL)"));
        assertThat(check(policy(100, Duration.ZERO, 0), 10, open)).as("too few rows speaks first")
                .map(Guardrails.Refusal::outcome).contains(RetrainingOutcome.SKIPPED_MIN_ROWS);
    }

    @Test
    void theCooldownRefusesUntilItHasFullyElapsed() {
        Monitor.RetrainingPolicy p = policy(0, Duration.ofDays(7), 0);
        Instant justInside = NOW.minus(Duration.ofDays(7)).plusSeconds(1);
        Instant exactly = NOW.minus(Duration.ofDays(7));

        assertThat(check(p, 10, new Guardrails.QueueState(null, justInside, 0))).contains(new Guardrails.Refusal(
                RetrainingOutcome.SKIPPED_COOLDOWN, "the model was retrained at 2026-03-03T02:00:01Z, within the cooldown PT168H"));
        assertThat(check(p, 10, new Guardrails.QueueState(null, exactly, 0))).isEmpty();
        assertThat(check(p, 10, new Guardrails.QueueState(null, null, 0))).as("never retrained").isEmpty();
    }

    @Test
    void noCooldownNeverRefusesEvenARetrainingStampedAfterTheDecision() {
        // The database's clock may run ahead of the job's: a zero cooldown must not turn that into a refusal.
        Guardrails.QueueState ahead = new Guardrails.QueueState(null, NOW.plusSeconds(30), 0);

        assertThat(check(policy(0, Duration.ZERO, 0), 10, ahead)).isEmpty();
        assertThat(check(policy(0, Duration.ofHours(1), 0), 10, ahead)).map(Guardrails.Refusal::outcome)
                .contains(RetrainingOutcome.SKIPPED_COOLDOWN);
    }

    @Test
    void maxTasksRefusesOnceThePeriodHoldsThatManyTasks() {
        Monitor.RetrainingPolicy p = policy(0, Duration.ZERO, 3);

        assertThat(check(p, 10, new Guardrails.QueueState(null, null, 2))).isEmpty();
        assertThat(check(p, 10, new Guardrails.QueueState(null, null, 3))).contains(new Guardrails.Refusal(
                RetrainingOutcome.SKIPPED_RATE_LIMIT, "3 tasks were created for the model in the last PT720H, the limit is max-tasks 3"));
        assertThat(check(policy(0, Duration.ZERO, 0), 10, new Guardrails.QueueState(null, null, 1000)))
                .as("max-tasks 0: no limit").isEmpty();
    }

    @Test
    void theCooldownSpeaksBeforeTheRateLimit() {
        Guardrails.QueueState both = new Guardrails.QueueState(null, NOW.minusSeconds(60), 5);

        assertThat(check(policy(0, Duration.ofDays(1), 1), 10, both)).map(Guardrails.Refusal::outcome)
                .contains(RetrainingOutcome.SKIPPED_COOLDOWN);
    }
}
