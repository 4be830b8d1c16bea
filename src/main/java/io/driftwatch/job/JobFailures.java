package io.driftwatch.job;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;

/** What went wrong in a job execution, in the words an operator needs. */
public final class JobFailures {

    private JobFailures() {
    }

    /**
     * The failure an operator needs to see: a partition's own exception rather than the manager
     * step's "Partition handler returned an unsuccessful step".
     */
    public static String root(JobExecution execution) {
        List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
        execution.getStepExecutions().forEach(s -> failures.addAll(s.getFailureExceptions()));
        return failures.stream().filter(t -> !(t instanceof JobExecutionException)).findFirst()
                .or(() -> failures.stream().findFirst())
                .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
                .orElse(execution.getExitStatus().getExitDescription());
    }

    /** The first failure of the execution that is, or is caused by, {@code type}; null when none is. */
    public static <T extends Throwable> T causedBy(JobExecution execution, Class<T> type) {
        for (Throwable failure : execution.getAllFailureExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return type.cast(t);
                }
            }
        }
        return null;
    }

    /** {@code failure} itself or its first cause that is a {@code type}; null when none is. */
    public static <T extends Throwable> T causedBy(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
