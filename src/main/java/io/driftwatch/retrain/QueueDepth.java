package io.driftwatch.retrain;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.driftwatch.retrain.queue.TaskStatus;

/**
 * The retraining queue at a glance: tasks in every status (zero when none) and how long the oldest
 * task waiting to be claimed (PENDING or RETRYABLE) has waited, or null when none waits.
 */
public record QueueDepth(Map<TaskStatus, Long> byStatus, Duration oldestWaiting) {

    public QueueDepth {
        Map<TaskStatus, Long> all = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            all.put(status, byStatus.getOrDefault(status, 0L));
        }
        byStatus = Collections.unmodifiableMap(all);
    }
}
