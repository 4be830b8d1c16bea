package io.driftwatch.retrain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.driftwatch.config.Monitor;
import io.driftwatch.report.RetrainingOutcome;
import io.driftwatch.retrain.queue.TaskStatus;

/**
 * The business rules between "this model should be retrained" and a task in the queue: enough rows
 * in the window to trust the evidence, no second open task for the model, a cooldown after a
 * succeeded retraining, and a cap on tasks per model per period. Each refusal names its rule.
 */
public final class Guardrails {

    private Guardrails() {
    }

    /** The model's open task. */
    public record OpenTask(long id, TaskStatus status) {
    }

    /**
     * What the queue holds for the model when the decision is taken.
     *
     * @param openTask        the model's open task, or null
     * @param lastSucceededAt when its last retraining succeeded, or null
     * @param tasksInPeriod   tasks created for it (not cancelled) within the policy's period
     */
    public record QueueState(OpenTask openTask, Instant lastSucceededAt, long tasksInPeriod) {

        /** A queue holding nothing for the model. */
        public static final QueueState EMPTY = new QueueState(null, null, 0);
    }

    /** A refusal: the outcome recorded on the run and why. */
    public record Refusal(RetrainingOutcome outcome, String reason) {
    }

    public static Optional<Refusal> check(Monitor.RetrainingPolicy policy, long currentRows, QueueState queue, Instant now) {
        if (policy.minRows() > 0 && currentRows < policy.minRows()) {
            return Optional.of(new Refusal(RetrainingOutcome.SKIPPED_MIN_ROWS, "the current window has " + currentRows
                    + " rows, fewer than min-rows " + policy.minRows()));
        }
        if (queue.openTask() != null) {
            return Optional.of(new Refusal(RetrainingOutcome.SKIPPED_OPEN_TASK, "the model already has an open task (id "
                    + queue.openTask().id() + ", " + queue.openTask().status() + ")"));
        }
        if (!policy.cooldown().isZero() && queue.lastSucceededAt() != null
                && Duration.between(queue.lastSucceededAt(), now).compareTo(policy.cooldown()) < 0) {
            return Optional.of(new Refusal(RetrainingOutcome.SKIPPED_COOLDOWN, "the model was retrained at "
                    + queue.lastSucceededAt() + ", within the cooldown " + policy.cooldown()));
        }
        if (policy.maxTasks() > 0 && queue.tasksInPeriod() >= policy.maxTasks()) {
            return Optional.of(new Refusal(RetrainingOutcome.SKIPPED_RATE_LIMIT, queue.tasksInPeriod() + " tasks were created"
                    + " for the model in the last " + policy.period() + ", the limit is max-tasks " + policy.maxTasks()));
        }
        return Optional.empty();
    }
}
