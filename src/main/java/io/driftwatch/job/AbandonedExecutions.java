package io.driftwatch.job;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Executions of a run date that no process will ever finish, made restartable so that a plain rerun
 * (the CronJob's retry) resumes the date without hand edits of {@code batch_job_execution}:
 * <ul>
 *   <li><b>STARTED, idle</b>: a process killed mid-run (OOM, evicted pod, kill -9) leaves its execution
 *   STARTED. It may as well belong to a process that is still working, so it is taken over only once it has
 *   shown no activity for {@code recoverAfter}: then it and its running steps are marked FAILED (Spring
 *   Batch's {@link JobOperator#recover}).</li>
 *   <li><b>UNKNOWN</b>: a process whose database connection died under it (a terminated backend, a lost
 *   network) could neither commit nor roll back its last step and ended the execution UNKNOWN, which Spring
 *   Batch refuses to restart ("Manual intervention is probably necessary"). Such an execution has ended
 *   (its own process wrote UNKNOWN as its final status), so it is taken over at once: it and its UNKNOWN or
 *   still running steps are marked FAILED. This is safe for driftJob because every step is idempotent: a
 *   profile or a feature's report rows are replaced, a run is completed together with its retraining task in
 *   one transaction, so a step whose commit did or did not reach the database is simply done again.</li>
 * </ul>
 * FAILED, not ABANDONED: Spring Batch treats an instance with an ABANDONED execution as complete and an
 * ABANDONED partition as not restartable, so the date could never finish.
 */
public final class AbandonedExecutions {

    private static final Logger log = LoggerFactory.getLogger(AbandonedExecutions.class);

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final Clock clock;
    private final Duration recoverAfter;

    public AbandonedExecutions(JobRepository jobRepository, JobOperator jobOperator, Clock clock, Duration recoverAfter) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.clock = clock;
        this.recoverAfter = recoverAfter;
    }

    /** How long an execution must be idle before it counts as abandoned ({@code driftwatch.recover-after}). */
    public Duration recoverAfter() {
        return recoverAfter;
    }

    /**
     * Marks the instance's UNKNOWN executions FAILED, and its last execution too when it is still running but idle
     * for longer than {@link #recoverAfter()}; a start after this restarts the instance from its failed steps.
     */
    public void recoverIfAbandoned(String jobName, JobParameters parameters) {
        JobInstance instance = jobRepository.getJobInstance(jobName, parameters);
        if (instance == null) {
            return;
        }
        for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
            if (endedUnknown(execution)) {
                failUnknown(jobName, parameters, execution);
            }
        }
        JobExecution last = jobRepository.getLastJobExecution(instance);
        if (last == null) {
            return;
        }
        boolean running = last.isRunning() || last.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning());
        if (!running) {
            return;
        }
        LocalDateTime lastActivity = lastActivity(last);
        // Spring Batch records local wall-clock times of the system zone.
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()));
        if (lastActivity != null && Duration.between(lastActivity, now).compareTo(recoverAfter) < 0) {
            return;
        }
        log.warn("{} execution {} ({}) is {} but idle since {} (driftwatch.recover-after={}): recovering it as abandoned"
                + " and restarting it", jobName, last.getId(), parameters, last.getStatus(), lastActivity, recoverAfter);
        jobOperator.recover(last);
    }

    /** An execution that ended UNKNOWN, or that has a step its process could not record (UNKNOWN). */
    private static boolean endedUnknown(JobExecution execution) {
        return execution.getStatus() == BatchStatus.UNKNOWN
                || (!execution.isRunning() && execution.getStepExecutions().stream()
                        .anyMatch(s -> s.getStatus() == BatchStatus.UNKNOWN));
    }

    private void failUnknown(String jobName, JobParameters parameters, JobExecution execution) {
        log.warn("{} execution {} ({}) ended {}: its last database transaction could not be rolled back (connection"
                + " lost); marking it and its unfinished steps FAILED and restarting the date (every step is"
                + " idempotent, so what it did is done again)", jobName, execution.getId(), parameters,
                execution.getStatus());
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()));
        String description = "recovered by driftwatch: ended " + execution.getStatus()
                + " after a failed rollback; restarted from its failed steps";
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription(description));
                if (step.getEndTime() == null) {
                    step.setEndTime(now);
                }
                jobRepository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription(description));
        if (execution.getEndTime() == null) {
            execution.setEndTime(now);
        }
        jobRepository.update(execution);
    }

    private static LocalDateTime lastActivity(JobExecution execution) {
        LocalDateTime lastActivity = execution.getLastUpdated() != null ? execution.getLastUpdated()
                : execution.getCreateTime();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getLastUpdated() != null && (lastActivity == null || step.getLastUpdated().isAfter(lastActivity))) {
                lastActivity = step.getLastUpdated();
            }
        }
        return lastActivity;
    }
}
