package io.driftwatch.cli;

import java.util.Objects;

import org.springframework.batch.core.job.JobExecution;

import io.driftwatch.ExitCodes;

/**
 * How a command ended: the process's exit code, one sentence for the operator, and the job
 * execution when a job ran (null otherwise).
 */
public record Outcome(ExitCodes exitCode, String message, JobExecution execution) {

    public Outcome {
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(message, "message");
    }

    public Outcome(ExitCodes exitCode, String message) {
        this(exitCode, message, null);
    }
}
