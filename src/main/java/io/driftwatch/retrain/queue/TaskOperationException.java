package io.driftwatch.retrain.queue;

import io.driftwatch.DriftwatchException;

/**
 * An operator's change to the queue cannot be applied: no task has the id, or the task is in a state
 * the operation does not apply to. Nothing was changed; the message says why. Exit code 2.
 */
public class TaskOperationException extends DriftwatchException {

    public TaskOperationException(String message) {
        super(message);
    }
}
