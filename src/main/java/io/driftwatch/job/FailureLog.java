package io.driftwatch.job;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.driftwatch.DriftwatchException;

/**
 * Logs why a job execution failed, once per failure: an expected failure (a {@link DriftwatchException},
 * whose message says what happened and what to do) as its message, with the stack trace at DEBUG; anything
 * else with its stack trace. Spring Batch's own step error log is switched off in application.yaml, since it
 * put a stack trace before every message.
 */
class FailureLog implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(FailureLog.class);

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return;
        }
        List<String> seen = new ArrayList<>();
        for (StepExecution step : execution.getStepExecutions()) {
            for (Throwable failure : step.getFailureExceptions()) {
                report(execution, step.getStepName(), failure, seen);
            }
        }
        for (Throwable failure : execution.getFailureExceptions()) {
            report(execution, null, failure, seen);
        }
    }

    private static void report(JobExecution execution, String step, Throwable failure, List<String> seen) {
        // a manager step's "partition handler returned an unsuccessful step" repeats its partition's failure
        if (failure instanceof JobExecutionException || seen.contains(String.valueOf(failure.getMessage()))) {
            return;
        }
        seen.add(String.valueOf(failure.getMessage()));
        String where = execution.getJobInstance().getJobName() + (step == null ? "" : " step " + step);
        if (expected(failure)) {
            log.error("{} failed: {}", where, failure.getMessage());
            log.debug("{} failed", where, failure);
        } else {
            log.error("{} failed", where, failure);
        }
    }

    static boolean expected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DriftwatchException) {
                return true;
            }
        }
        return false;
    }
}
