package io.driftwatch.job;

import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Puts the run's identity into every log line (SLF4J MDC, rendered as fields by the structured JSON
 * formats): {@code job_execution_id} and {@code run_date} on every line of a run, and on partition
 * threads also {@code monitor}, {@code feature} and {@code side}. Tasklets add {@code run_id} (the
 * drift_run) once they know it. Everything is removed when the step or job ends, since pool threads
 * are reused.
 */
class RunLogContext implements JobExecutionListener, StepExecutionListener {

    static final String JOB_EXECUTION_ID = "job_execution_id";
    static final String RUN_DATE = "run_date";
    static final String RUN_ID = "run_id";
    static final String MONITOR = "monitor";
    static final String FEATURE = "feature";
    static final String SIDE = "side";

    @Override
    public void beforeJob(JobExecution execution) {
        identify(execution);
    }

    @Override
    public void afterJob(JobExecution execution) {
        MDC.remove(JOB_EXECUTION_ID);
        MDC.remove(RUN_DATE);
    }

    @Override
    public void beforeStep(StepExecution step) {
        identify(step.getJobExecution());
        ExecutionContext context = step.getExecutionContext();
        copy(context, Partitions.MONITOR, MONITOR);
        copy(context, Partitions.FEATURE, FEATURE);
        copy(context, Partitions.SIDE, SIDE);
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        MDC.remove(MONITOR);
        MDC.remove(FEATURE);
        MDC.remove(SIDE);
        MDC.remove(RUN_ID);
        return null;
    }

    private static void identify(JobExecution execution) {
        MDC.put(JOB_EXECUTION_ID, String.valueOf(execution.getId()));
        Object runDate = execution.getJobParameters().getLocalDate(DriftJobConfiguration.RUN_DATE);
        if (runDate != null) {
            MDC.put(RUN_DATE, runDate.toString());
        }
    }

    private static void copy(ExecutionContext context, String key, String mdcKey) {
        if (context.containsKey(key)) {
            String value = context.getString(key);
            MDC.put(mdcKey, mdcKey.equals(SIDE) ? value.toLowerCase(java.util.Locale.ROOT) : value);
        }
    }
}
