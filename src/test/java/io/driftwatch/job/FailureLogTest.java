package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.driftwatch.DriftwatchException;

/** An expected failure is logged as its message; an unexpected one with its stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class FailureLogTest {

    @Test
    void anExpectedFailureIsItsMessageWithoutAStackTrace(CapturedOutput output) {
        JobExecution execution = failed(new DriftwatchException("profile format 1 is refused; profile the baseline again"));

        new FailureLog().afterJob(execution);

        assertThat(output.getOut()).contains("driftJob step profile failed: profile format 1 is refused; profile the"
                + " baseline again").doesNotContain("\tat ");
    }

    @Test
    void anUnexpectedFailureKeepsItsStackTrace(CapturedOutput output) {
        JobExecution execution = failed(new IllegalStateException("connection reset"));

        new FailureLog().afterJob(execution);

        assertThat(output.getOut()).contains("driftJob step profile failed").contains("IllegalStateException: connection reset")
                .contains("\tat ");
    }

    private static JobExecution failed(Throwable failure) {
        JobExecution execution = new JobExecution(1L, new JobInstance(1L, "driftJob"), new JobParameters());
        execution.setStatus(BatchStatus.FAILED);
        StepExecution step = new StepExecution(2L, "profile", execution);
        step.addFailureException(failure);
        execution.addStepExecutions(java.util.List.of(step));
        return execution;
    }
}
