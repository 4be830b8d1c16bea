package io.driftwatch.job;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * A process killed mid-run (OOM, evicted pod) leaves its execution STARTED, which would block the
 * instance forever. Once such an execution has shown no activity for {@code recoverAfter} it is
 * marked FAILED (Spring Batch's recover), so that the next start restarts it from the failed step.
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

    /** The job repository it inspects (also the launcher's view of past executions). */
    public JobRepository jobRepository() {
        return jobRepository;
    }

    /** How long an execution must be idle before it counts as abandoned ({@code driftwatch.recover-after}). */
    public Duration recoverAfter() {
        return recoverAfter;
    }

    /** Recovers the last execution of the instance when it is still running but idle for longer than {@link #recoverAfter()}. */
    public void recoverIfAbandoned(String jobName, JobParameters parameters) {
        JobExecution last = jobRepository.getLastJobExecution(jobName, parameters);
        if (last == null) {
            return;
        }
        boolean running = last.isRunning() || last.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning());
        if (!running) {
            return;
        }
        LocalDateTime lastActivity = last.getLastUpdated() != null ? last.getLastUpdated() : last.getCreateTime();
        for (StepExecution step : last.getStepExecutions()) {
            if (step.getLastUpdated() != null && (lastActivity == null || step.getLastUpdated().isAfter(lastActivity))) {
                lastActivity = step.getLastUpdated();
            }
        }
        // Spring Batch records local wall-clock times of the system zone.
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()));
        if (lastActivity != null && Duration.between(lastActivity, now).compareTo(recoverAfter) < 0) {
            return;
        }
        log.warn("{} execution {} ({}) is {} but idle since {} (driftwatch.recover-after={}): recovering it as abandoned"
                + " and restarting it", jobName, last.getId(), parameters, last.getStatus(), lastActivity, recoverAfter);
        jobOperator.recover(last);
    }
}
