package io.driftwatch.retrain.queue;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A retraining task to enqueue as PENDING.
 *
 * @param model       the model to retrain (up to 200 characters)
 * @param monitor     the monitor asking for it (up to 200 characters)
 * @param runId       the drift_run it came from, or null
 * @param runDate     the run date; a monitor has at most one task per run date
 * @param reason      why, for people (up to 2000 characters)
 * @param evidence    JSON text
 * @param priority    higher is claimed first
 * @param dedupeKey   no two <em>open</em> tasks share it (up to 400 characters)
 * @param maxAttempts attempts allowed before the task is dead-lettered (1..1000)
 * @param awaitingApproval the task waits in AWAITING_APPROVAL until an operator approves it, instead of
 *                    being claimable at once
 */
public record NewTask(String model, String monitor, Long runId, LocalDate runDate, String reason, String evidence,
                      int priority, String dedupeKey, int maxAttempts, boolean awaitingApproval) {

    /** The default of {@code retraining_task.max_attempts}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    /** A task claimable at once (no approval gate). */
    public NewTask(String model, String monitor, Long runId, LocalDate runDate, String reason, String evidence,
                   int priority, String dedupeKey, int maxAttempts) {
        this(model, monitor, runId, runDate, reason, evidence, priority, dedupeKey, maxAttempts, false);
    }

    public NewTask {
        requireText(model, "model", 200);
        requireText(monitor, "monitor", 200);
        Objects.requireNonNull(runDate, "runDate");
        requireText(reason, "reason", 2000);
        requireText(evidence, "evidence", Integer.MAX_VALUE);
        requireText(dedupeKey, "dedupeKey", 400);
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new IllegalArgumentException("maxAttempts must be in [1, 1000]: " + maxAttempts);
        }
    }

    /**
     * A task with the nightly job's dedupe key ({@link #modelKey}: one open task per model), priority 0 and
     * the default attempts.
     */
    public static NewTask of(String model, String monitor, LocalDate runDate, String reason, String evidence) {
        return new NewTask(model, monitor, null, runDate, reason, evidence, 0, modelKey(model), DEFAULT_MAX_ATTEMPTS);
    }

    /** The dedupe key of a model's retraining, {@code retrain:<model>}: a model has one open task at most. */
    public static String modelKey(String model) {
        return "retrain:" + model;
    }

    public NewTask withDedupeKey(String key) {
        return new NewTask(model, monitor, runId, runDate, reason, evidence, priority, key, maxAttempts, awaitingApproval);
    }

    public NewTask withPriority(int newPriority) {
        return new NewTask(model, monitor, runId, runDate, reason, evidence, newPriority, dedupeKey, maxAttempts, awaitingApproval);
    }

    public NewTask withMaxAttempts(int attempts) {
        return new NewTask(model, monitor, runId, runDate, reason, evidence, priority, dedupeKey, attempts, awaitingApproval);
    }

    public NewTask withApprovalGate(boolean gate) {
        return new NewTask(model, monitor, runId, runDate, reason, evidence, priority, dedupeKey, maxAttempts, gate);
    }

    public NewTask withRunId(Long id) {
        return new NewTask(model, monitor, id, runDate, reason, evidence, priority, dedupeKey, maxAttempts, awaitingApproval);
    }

    private static void requireText(String value, String name, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be at most " + maxLength + " characters, but had "
                    + value.length());
        }
    }
}
