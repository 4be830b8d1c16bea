package io.driftwatch.retrain.queue;

import java.util.Optional;

import io.driftwatch.DriftwatchException;

/**
 * A fenced write (heartbeat, complete, fail, release) changed nothing because the worker no longer holds
 * the task's lease: the task is not RUNNING under the presented lease token any more. Usually the lease
 * expired (no heartbeat in time), the reaper returned the task and another worker may be running it now;
 * or an operator cancelled it. The worker must stop working on the task and must not retry the write.
 */
public class LeaseLostException extends DriftwatchException {

    /** The fenced writes. */
    public enum Operation { HEARTBEAT, COMPLETE, FAIL, RELEASE }

    private final long taskId;
    private final String leaseToken;
    private final Operation operation;
    private final TaskStatus currentStatus;

    LeaseLostException(Operation operation, ClaimedTask task, TaskState current) {
        super(message(operation, task, current));
        this.taskId = task.id();
        this.leaseToken = task.leaseToken();
        this.operation = operation;
        this.currentStatus = current == null ? null : current.status();
    }

    public long taskId() {
        return taskId;
    }

    /** The token the worker presented. */
    public String leaseToken() {
        return leaseToken;
    }

    public Operation operation() {
        return operation;
    }

    /** The task's status when the write was refused; empty when the task no longer exists. */
    public Optional<TaskStatus> currentStatus() {
        return Optional.ofNullable(currentStatus);
    }

    private static String message(Operation operation, ClaimedTask task, TaskState current) {
        String now;
        if (current == null) {
            now = "the task no longer exists";
        } else if (current.status() == TaskStatus.RUNNING) {
            now = "the task is RUNNING under another lease, held by worker '" + current.leaseOwner() + "' (attempt "
                    + current.attempts() + "): this lease expired and the reaper handed the task on";
        } else {
            now = "the task is " + current.status() + " (attempt " + current.attempts() + " of " + current.maxAttempts()
                    + (current.lastError() == null ? "" : ", last error: " + current.lastError()) + ")";
        }
        return operation.name().toLowerCase(java.util.Locale.ROOT) + " of retraining task " + task.id()
                + " changed nothing: attempt " + task.attempts() + " no longer holds the lease (token "
                + task.leaseToken() + "); " + now
                + ". Stop working on this task and do not retry the write; heartbeat more often than the lease length"
                + " if this was a live worker.";
    }
}
