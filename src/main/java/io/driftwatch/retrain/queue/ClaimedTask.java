package io.driftwatch.retrain.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A task this worker holds the lease of. The lease token is the fence: every later write of this
 * attempt (heartbeat, complete, fail, release) presents it and changes nothing once the lease is lost.
 *
 * @param id             the task id
 * @param model          the model to retrain
 * @param monitor        the monitor that asked for it
 * @param runDate        the run date of the nightly evaluation that enqueued it
 * @param reason         why retraining was asked for, for people
 * @param evidence       JSON text: drifted features with scores and thresholds, performance
 * @param priority       higher is claimed first
 * @param attempts       attempts used so far, including this one (1 on the first claim)
 * @param maxAttempts    attempts allowed before the task is dead-lettered
 * @param leaseToken     the fencing token of this claim, fresh and random per claim
 * @param leaseExpiresAt when the lease expires unless a heartbeat extends it (the database's clock)
 */
public record ClaimedTask(long id, String model, String monitor, LocalDate runDate, String reason, String evidence,
                          int priority, int attempts, int maxAttempts, String leaseToken, Instant leaseExpiresAt) {

    public ClaimedTask {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(runDate, "runDate");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        if (leaseToken == null || leaseToken.isBlank()) {
            throw new IllegalArgumentException("a claimed task must carry its lease token; task " + id + " had none");
        }
        if (attempts < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("a claimed task has attempts >= 1 and max attempts >= 1, but task " + id
                    + " had attempts=" + attempts + ", maxAttempts=" + maxAttempts);
        }
    }

    /** Whether a failure of this attempt dead-letters the task (no attempts left). */
    public boolean isLastAttempt() {
        return attempts >= maxAttempts;
    }
}
