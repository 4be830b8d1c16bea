package io.driftwatch.retrain;

import java.time.LocalDate;

import io.driftwatch.retrain.queue.TaskStatus;

/**
 * A retraining task as the nightly job enqueued it and as it stands now.
 *
 * @param runId    the drift_run that asked for it, or null when enqueued by other means
 * @param evidence JSON text: drifted features with scores and thresholds, performance
 */
public record Task(long id, String model, String monitor, Long runId, LocalDate runDate, String reason, String evidence,
                   TaskStatus status) {
}
