package io.driftwatch.retrain;

import java.time.Instant;
import java.time.LocalDate;

import io.driftwatch.retrain.queue.TaskStatus;

/** A retraining task as an operator lists it ({@code tasks list}). */
public record TaskLine(long id, String model, String monitor, LocalDate runDate, TaskStatus status, int priority,
                       int attempts, int maxAttempts, Instant availableAt, String leaseOwner, String reason,
                       String lastError) {
}
