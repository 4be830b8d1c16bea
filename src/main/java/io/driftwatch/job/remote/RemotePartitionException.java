package io.driftwatch.job.remote;

import java.time.Duration;
import java.util.List;

import io.driftwatch.DriftwatchException;

/**
 * Partitions of a remote manager step that did not complete: they failed on a worker, or no worker finished them
 * in time (lost). The message names them; a rerun of the date re-runs only them.
 */
public final class RemotePartitionException extends DriftwatchException {

    private static final int NAMED = 10;

    private final List<String> partitions;

    private RemotePartitionException(String message, List<String> partitions) {
        super(message);
        this.partitions = List.copyOf(partitions);
    }

    private RemotePartitionException(String message, List<String> partitions, Throwable cause) {
        super(message, cause);
        this.partitions = List.copyOf(partitions);
    }

    /** @param failures one "name (first line of its failure)" per failed partition */
    static RemotePartitionException failed(String step, List<String> failures) {
        return new RemotePartitionException(failures.size() + " partition(s) of step " + step + " failed on a worker: "
                + names(failures) + ". Rerun the same runDate once the cause is fixed: only these partitions run again.",
                failures);
    }

    static RemotePartitionException lost(String step, List<String> lost, Duration timeout, String queue) {
        return new RemotePartitionException(lost.size() + " partition(s) of step " + step + " lost: no worker finished "
                + names(lost) + " within driftwatch.remote.timeout (" + timeout + "). Check that workers"
                + " (driftwatch.role=worker) are running and consume queue '" + queue + "', then rerun the same runDate:"
                + " only these partitions run again.", lost);
    }

    /** The manager step failed while sending its requests (the broker refused one, or went away): none runs. */
    static RemotePartitionException notSent(String step, List<String> unfinished, String queue, Throwable cause) {
        return new RemotePartitionException(unfinished.size() + " partition(s) of step " + step + " not run: sending"
                + " their requests to queue '" + queue + "' failed (" + RemotePartitionHandler.firstLine(rootMessage(cause))
                + "); " + names(unfinished) + " marked FAILED. Rerun the same runDate once the broker takes requests:"
                + " only these partitions run again.", unfinished, cause);
    }

    private static String rootMessage(Throwable cause) {
        Throwable deepest = cause;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest.getMessage() == null ? deepest.toString() : deepest.getMessage();
    }

    private static String names(List<String> partitions) {
        List<String> named = partitions.stream().limit(NAMED).toList();
        return String.join(", ", named) + (partitions.size() > NAMED ? " and " + (partitions.size() - NAMED) + " more" : "");
    }

    /** The partitions (step execution names, with their failure when one is known). */
    public List<String> partitions() {
        return partitions;
    }
}
