package io.driftwatch.job;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import io.driftwatch.ExitCodes;
import io.driftwatch.config.MonitorConfigurationException;

/**
 * Starts (or restarts) driftJob for a run date and turns the result into an {@link ExitCodes
 * exit code} and a sentence for the operator.
 */
public class DriftJobLauncher {

    private static final Logger log = LoggerFactory.getLogger(DriftJobLauncher.class);

    private final JobOperator jobOperator;
    private final Job driftJob;
    private final JobRepository jobRepository;
    private final Clock clock;
    private final Duration recoverAfter;

    public DriftJobLauncher(JobOperator jobOperator, Job driftJob, JobRepository jobRepository, Clock clock,
                            Duration recoverAfter) {
        this.jobOperator = jobOperator;
        this.driftJob = driftJob;
        this.jobRepository = jobRepository;
        this.clock = clock;
        this.recoverAfter = recoverAfter;
    }

    /** What happened: the exit code, a message for the console, and the execution when one ran. */
    public record Outcome(ExitCodes exitCode, String message, JobExecution execution) {
    }

    /** Runs reaperJob (a new instance each time). */
    public Outcome reap(Job reaperJob) {
        try {
            JobExecution execution = jobOperator.startNextInstance(reaperJob);
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                var context = execution.getStepExecutions().iterator().next().getExecutionContext();
                return new Outcome(ExitCodes.COMPLETED, "reaperJob completed: " + context.getInt("retried", 0)
                        + " expired lease(s) returned for retry, " + context.getInt("failed", 0) + " dead-lettered", execution);
            }
            return new Outcome(ExitCodes.FAILED, "reaperJob " + execution.getStatus() + " (" + rootFailure(execution) + ")",
                    execution);
        } catch (Exception e) {
            log.error("reaperJob could not start", e);
            return new Outcome(ExitCodes.UNEXPECTED, "reaperJob could not start: " + e.getMessage(), null);
        }
    }

    /** Runs canaryJob for one analysis window; the exit code is the verdict. */
    public Outcome canary(Job canaryJob, io.driftwatch.canary.CanaryRequest request) {
        JobParameters parameters = CanaryJobConfiguration.parameters(request);
        JobExecution execution;
        try {
            // The request check, before the job instance is created: a bad request writes nothing at all.
            canaryJob.getJobParametersValidator().validate(parameters);
            execution = jobOperator.start(canaryJob, parameters);
        } catch (InvalidJobParametersException e) {
            return new Outcome(ExitCodes.INVALID_CONFIGURATION, e.getMessage(), null);
        } catch (Exception e) {
            log.error("canaryJob could not start", e);
            return new Outcome(ExitCodes.UNEXPECTED, "canaryJob could not start: " + e.getMessage(), null);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return new Outcome(ExitCodes.FAILED, "canaryJob " + execution.getStatus() + " (" + rootFailure(execution) + ")",
                    execution);
        }
        var context = execution.getExecutionContext();
        ExitCodes code = switch (context.getString(CanaryJobConfiguration.VERDICT)) {
            case "PROMOTE" -> ExitCodes.COMPLETED;
            case "ROLLBACK" -> ExitCodes.ROLLBACK;
            default -> ExitCodes.INCONCLUSIVE;
        };
        return new Outcome(code, "canaryJob " + context.getString(CanaryJobConfiguration.VERDICT) + " for "
                + request.model() + " " + request.candidateVersion() + " vs " + request.baselineVersion() + ": "
                + context.getString(CanaryJobConfiguration.REASON), execution);
    }

    public static JobParameters parameters(LocalDate runDate) {
        return new JobParametersBuilder().addLocalDate(DriftJobConfiguration.RUN_DATE, runDate, true).toJobParameters();
    }

    public Outcome launch(LocalDate runDate) {
        JobExecution execution;
        try {
            recoverIfAbandoned(runDate);
            execution = jobOperator.start(driftJob, parameters(runDate));
        } catch (JobInstanceAlreadyCompleteException e) {
            return new Outcome(ExitCodes.ALREADY_COMPLETE, "driftJob already completed for runDate=" + runDate
                    + "; nothing was written. Reports are in drift_run / drift_report.", null);
        } catch (JobExecutionAlreadyRunningException e) {
            return new Outcome(ExitCodes.ALREADY_RUNNING, "driftJob is already running for runDate=" + runDate
                    + " in another process; nothing was written. If that process died, its run is recovered and resumed"
                    + " once idle for driftwatch.recover-after (" + recoverAfter + "); to take over now, when you are sure"
                    + " it is not running, rerun with --driftwatch.recover-after=PT0S.", null);
        } catch (Exception e) {
            log.error("driftJob could not start for runDate={}", runDate, e);
            return new Outcome(ExitCodes.UNEXPECTED, "driftJob could not start for runDate=" + runDate + ": " + e.getMessage(), null);
        }
        return outcome(runDate, execution);
    }

    /**
     * A process killed mid-run (OOM, evicted pod) leaves its execution STARTED, which would block the
     * date forever. Once it has shown no activity for {@code recoverAfter} it is marked FAILED
     * (Spring Batch's recover), so that the start below restarts it from the failed step.
     */
    private void recoverIfAbandoned(LocalDate runDate) {
        JobExecution last = jobRepository.getLastJobExecution(DriftJobConfiguration.JOB_NAME, parameters(runDate));
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
        log.warn("driftJob execution {} for runDate={} is {} but idle since {} (driftwatch.recover-after={}): recovering it"
                + " as abandoned and restarting the date", last.getId(), runDate, last.getStatus(), lastActivity, recoverAfter);
        jobOperator.recover(last);
    }

    /**
     * The failure an operator needs to see: a partition's own exception rather than the manager
     * step's "Partition handler returned an unsuccessful step".
     */
    static String rootFailure(JobExecution execution) {
        List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
        execution.getStepExecutions().forEach(s -> failures.addAll(s.getFailureExceptions()));
        return failures.stream().filter(t -> !(t instanceof JobExecutionException)).findFirst()
                .or(() -> failures.stream().findFirst())
                .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
                .orElse(execution.getExitStatus().getExitDescription());
    }

    static Outcome outcome(LocalDate runDate, JobExecution execution) {
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            return new Outcome(ExitCodes.COMPLETED, "driftJob completed for runDate=" + runDate, execution);
        }
        for (Throwable failure : execution.getAllFailureExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof MonitorConfigurationException config) {
                    return new Outcome(ExitCodes.INVALID_CONFIGURATION, config.getMessage(), execution);
                }
            }
        }
        if (status == BatchStatus.STOPPED) {
            return new Outcome(ExitCodes.STOPPED, "driftJob was stopped for runDate=" + runDate
                    + "; rerun the same runDate to resume.", execution);
        }
        String cause = rootFailure(execution);
        return new Outcome(ExitCodes.FAILED, "driftJob " + status + " for runDate=" + runDate + " (" + cause
                + "). Rerun the same runDate to resume from the failed step.", execution);
    }
}
