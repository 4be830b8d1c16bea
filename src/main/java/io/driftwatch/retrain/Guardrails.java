package io.driftwatch.retrain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.driftwatch.config.Monitor;

/**
 * The business rules between "this model should be retrained" and a task in the queue: enough rows
 * in the window to trust the evidence, no second open task for the model, a cooldown after a
 * succeeded retraining, and a cap on tasks per model per period. Each refusal names its rule.
 */
public final class Guardrails {

    private Guardrails() {
    }

    /** What the queue holds for the model when the decision is taken. */
    public record QueueState(Long openTaskId, String openTaskStatus, Instant lastSucceededAt, long tasksInPeriod) {
    }

    /** A refusal: the decision recorded on the run and why. */
    public record Refusal(String decision, String reason) {
    }

    public static Optional<Refusal> check(Monitor.RetrainingPolicy policy, long currentRows, QueueState queue, Instant now) {
        if (policy.minRows() > 0 && currentRows < policy.minRows()) {
            return Optional.of(new Refusal("SKIPPED_MIN_ROWS", "the current window has " + currentRows
                    + " rows, fewer than min-rows " + policy.minRows()));
        }
        if (queue.openTaskId() != null) {
            return Optional.of(new Refusal("SKIPPED_OPEN_TASK", "the model already has an open task (id "
                    + queue.openTaskId() + ", " + queue.openTaskStatus() + ")"));
        }
        if (!policy.cooldown().isZero() && queue.lastSucceededAt() != null
                && Duration.between(queue.lastSucceededAt(), now).compareTo(policy.cooldown()) < 0) {
            return Optional.of(new Refusal("SKIPPED_COOLDOWN", "the model was retrained at " + queue.lastSucceededAt()
                    + ", within the cooldown " + policy.cooldown()));
        }
        if (policy.maxTasks() > 0 && queue.tasksInPeriod() >= policy.maxTasks()) {
            return Optional.of(new Refusal("SKIPPED_RATE_LIMIT", queue.tasksInPeriod() + " tasks were created for the model"
                    + " in the last " + policy.period() + ", the limit is max-tasks " + policy.maxTasks()));
        }
        return Optional.empty();
    }
}
