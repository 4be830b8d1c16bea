package io.driftwatch.retrain.queue;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The states of a retraining task. An <em>open</em> task holds its dedupe key (no second open task may
 * have it); a <em>final</em> task has {@code finished_at} set and never changes again.
 */
public enum TaskStatus {
    /** Waiting to be claimed for its first attempt. */
    PENDING(true),
    /** Claimed: a worker holds the lease (lease_token, lease_expires_at). */
    RUNNING(true),
    /** An attempt failed or its lease expired; claimable again from available_at. */
    RETRYABLE(true),
    /** Waiting for an operator's approval before it can be claimed. */
    AWAITING_APPROVAL(true),
    /** Final: a worker completed it. */
    SUCCEEDED(false),
    /** Final, the dead letter: failed permanently or out of attempts. */
    FAILED(false),
    /** Final: an operator cancelled it. */
    CANCELLED(false);

    private final boolean open;

    TaskStatus(boolean open) {
        this.open = open;
    }

    /** Whether the task still holds its dedupe key. */
    public boolean isOpen() {
        return open;
    }

    /** Whether the task is finished ({@code finished_at} is set). */
    public boolean isFinal() {
        return !open;
    }

    /** The open statuses: those that hold a dedupe key. */
    public static Set<TaskStatus> open() {
        return Collections.unmodifiableSet(Arrays.stream(values()).filter(TaskStatus::isOpen)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TaskStatus.class))));
    }

    /** The statuses as a SQL list of literals, e.g. {@code 'PENDING', 'RUNNING'}, for statements built in Java. */
    public static String sqlList(Set<TaskStatus> statuses) {
        return statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }

    /** The statuses for people: {@code PENDING, RETRYABLE or RUNNING}. */
    public static String describe(Set<TaskStatus> statuses) {
        List<String> names = statuses.stream().map(TaskStatus::name).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /**
     * Parses a status as operators write it, ignoring case.
     *
     * @throws IllegalArgumentException naming the statuses otherwise
     */
    public static TaskStatus parse(String text) {
        for (TaskStatus status : values()) {
            if (status.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown status '" + text + "'; use one of " + Arrays.toString(values()));
    }
}
