package io.driftwatch.job;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

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
import org.springframework.dao.DataAccessResourceFailureException;

import io.driftwatch.db.Dialect;

/**
 * Executions of a run date that no process will ever finish, made restartable so that a plain rerun
 * (the CronJob's retry) resumes the date without hand edits of {@code batch_job_execution}:
 * <ul>
 *   <li><b>STARTED, its process gone</b>: a process killed mid-run (OOM, evicted pod, kill -9) leaves its
 *   execution STARTED. On PostgreSQL the process running a date holds the date's {@link RunDateLock}, which the
 *   server releases when the process dies; a start that takes the lock and still finds an execution running
 *   knows that its process is gone, and marks it and its running steps FAILED at once (Spring Batch's
 *   {@link JobOperator#recover}). Where nothing proves it (H2), it is taken over once it has shown no activity
 *   for {@code recoverAfter}.</li>
 *   <li><b>an instance without execution</b>: a process killed between creating the date's instance and its
 *   first execution (two transactions in Spring Batch) leaves an instance that Spring Batch can neither start
 *   nor restart; with the same proof it is removed, and the date starts afresh.</li>
 *   <li><b>a partition without its context</b>: see {@link #forgetPartitionsWithoutContext}.</li>
 *   <li><b>UNKNOWN</b>: a process whose database connection died under it (a terminated backend, a lost
 *   network) could neither commit nor roll back its last step and ended the execution UNKNOWN, which Spring
 *   Batch refuses to restart ("Manual intervention is probably necessary"). Such an execution has ended
 *   (its own process wrote UNKNOWN as its final status), so it is taken over at once: it and its UNKNOWN or
 *   still running steps are marked FAILED. This is safe for driftJob because every step is idempotent: a
 *   profile or a feature's report rows are replaced, a run is completed together with its retraining task in
 *   one transaction, so a step whose commit did or did not reach the database is simply done again.</li>
 *   <li><b>its own</b>: a run whose own bookkeeping failed on the database (the final update of its execution,
 *   say, on a terminated connection) leaves it STARTED; its process marks it FAILED itself on a fresh
 *   connection before it exits ({@link #failOwn}).</li>
 * </ul>
 * FAILED, not ABANDONED: Spring Batch treats an instance with an ABANDONED execution as complete and an
 * ABANDONED partition as not restartable, so the date could never finish. A recovered execution's version
 * changes, so should its process still be alive after all, its next commit of a step fails (optimistic
 * locking) instead of writing beside the process that took over.
 */
public final class AbandonedExecutions {

    private static final Logger log = LoggerFactory.getLogger(AbandonedExecutions.class);

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final Clock clock;
    /** How Spring Batch names a partition's step: {@code worker:partition}. */
    private static final String PARTITION_SEPARATOR = ":";

    private final Duration recoverAfter;
    private final DataSource dataSource;
    private final Dialect dialect;

    public AbandonedExecutions(JobRepository jobRepository, JobOperator jobOperator, Clock clock, Duration recoverAfter,
                               DataSource dataSource, Dialect dialect) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.clock = clock;
        this.recoverAfter = recoverAfter;
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /**
     * Tries to take the lock of the instance before it is looked at; the caller holds it while the run lasts.
     *
     * @throws DataAccessResourceFailureException when the database cannot be asked
     */
    public RunDateLock lock(String jobName, JobParameters parameters) {
        try {
            return RunDateLock.take(dataSource, dialect, jobName, parameters);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not take the lock of " + jobName + " " + parameters
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a process other than the holder of {@code lock} (the date's lock, taken for a rerun or a backfill of the
     * date) is at work on the date: it holds the lock, or the night's execution is running and nothing proves its
     * process gone (H2).
     */
    private boolean othersAtWork(RunDateLock lock, String jobName, JobParameters nightly) {
        if (!lock.held()) {
            return true;
        }
        JobExecution last = jobRepository.getLastJobExecution(jobName, nightly);
        return last != null && last.isRunning() && !lock.provesOthersGone();
    }

    /**
     * Whether the holder of {@code lock} may work on the date now (a rerun or a backfill of it): no other process is
     * at work on it ({@link #othersAtWork}), and the running executions of the date whose process is gone have been
     * recovered ({@link #recoverRunningOfDate}), so that a rerun or backfill killed mid-date does not stay STARTED for
     * good.
     */
    public boolean claimDate(RunDateLock lock, String jobName, JobParameters nightly) {
        if (othersAtWork(lock, jobName, nightly)) {
            return false;
        }
        recoverRunningOfDate(jobName, nightly.getLocalDate(DriftJobConfiguration.RUN_DATE), lock, null);
        return true;
    }

    /** How long an execution must be idle before it counts as abandoned ({@code driftwatch.recover-after}). */
    public Duration recoverAfter() {
        return recoverAfter;
    }

    /**
     * Before a night of the date starts: recovers what no process will finish, with one read of the date's running
     * executions. The night's instance without an execution is removed and its UNKNOWN executions are marked FAILED;
     * every execution of the date that is still running and whose process is gone is marked FAILED with its running
     * steps, whatever its instance: the night's own (also when only one of its steps still runs), and a rerun's or a
     * backfill's (each an instance of its own, which nothing restarts, so that it would otherwise stay STARTED for
     * good). The proof that a process is gone: {@code lock}, the date's lock held by this start (every process at work
     * on a date holds it), or no activity for {@link #recoverAfter()}. Last, the night's partitions that lost their
     * context are forgotten. A start after this restarts the night from its failed steps.
     *
     * @param nightly the parameters of the date's night
     * @param lock the date's lock, held by this start
     */
    public void recoverDate(String jobName, JobParameters nightly, RunDateLock lock) {
        if (!lock.held()) {
            return;
        }
        JobInstance night = jobRepository.getJobInstance(jobName, nightly);
        List<JobExecution> executions = night == null ? List.of() : jobRepository.getJobExecutions(night);
        if (night != null && executions.isEmpty() && (lock.provesOthersGone() || recoverAfter.isZero())) {
            log.warn("{} instance {} ({}) has no execution: the process that created it died before its first one;"
                    + " removing it so that the date starts afresh", jobName, night.getInstanceId(), nightly);
            jobRepository.deleteJobInstance(night);
        }
        for (JobExecution execution : executions) {
            if (endedUnknown(execution)) {
                failUnknown(jobName, nightly, execution);
            }
        }
        JobExecution nightLast = executions.stream().max(Comparator.comparing(JobExecution::getId))
                .filter(AbandonedExecutions::running).orElse(null);
        recoverRunningOfDate(jobName, nightly.getLocalDate(DriftJobConfiguration.RUN_DATE), lock, nightLast);
        if (!executions.isEmpty()) {
            forgetPartitionsWithoutContext(jobName, night);
        }
    }

    /**
     * Whether an execution of {@code runDate} (the night's, a rerun's or a backfill's) is still running, e.g. after
     * {@link #recoverDate} where nothing proves its process gone (H2) and it has not been idle for {@link #recoverAfter()}.
     */
    public boolean runningOnDate(String jobName, LocalDate runDate) {
        return jobRepository.findRunningJobExecutions(jobName).stream()
                .anyMatch(e -> runDate.equals(e.getJobParameters().getLocalDate(DriftJobConfiguration.RUN_DATE)));
    }

    /**
     * Marks every running execution of {@code runDate} FAILED whose process is gone ({@link #recoverIfGone}): those
     * that the job repository finds running (one read, step executions included), and {@code nightLast}, the night's
     * last execution when one of its steps still runs (null when none does), which that read does not find once the
     * execution itself has ended.
     */
    private void recoverRunningOfDate(String jobName, LocalDate runDate, RunDateLock lock, JobExecution nightLast) {
        Map<Long, JobExecution> running = new LinkedHashMap<>();
        if (nightLast != null) {
            running.put(nightLast.getId(), nightLast);
        }
        for (JobExecution found : jobRepository.findRunningJobExecutions(jobName)) {
            if (runDate.equals(found.getJobParameters().getLocalDate(DriftJobConfiguration.RUN_DATE))) {
                running.putIfAbsent(found.getId(), found);
            }
        }
        for (JobExecution execution : running.values()) {
            recoverIfGone(jobName, execution.getJobParameters(), lock, execution);
        }
    }

    private void recoverIfGone(String jobName, JobParameters parameters, RunDateLock lock, JobExecution last) {
        LocalDateTime lastActivity = lastActivity(last);
        if (lock.provesOthersGone()) {
            log.warn("{} execution {} ({}) is {} but the process that ran it is gone (it would hold the date's lock):"
                    + " recovering it as abandoned", jobName, last.getId(), parameters, last.getStatus());
            jobOperator.recover(last);
            return;
        }
        // Spring Batch records local wall-clock times of the system zone.
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()));
        if (lastActivity != null && Duration.between(lastActivity, now).compareTo(recoverAfter) < 0) {
            return;
        }
        log.warn("{} execution {} ({}) is {} but idle since {} (driftwatch.recover-after={}): recovering it as abandoned",
                jobName, last.getId(), parameters, last.getStatus(), lastActivity, recoverAfter);
        jobOperator.recover(last);
    }

    /**
     * After this process's own run of the instance failed on the database (an exception out of the start,
     * typically the final update of its execution on a terminated connection): marks the execution that the
     * run left running FAILED with {@code failure}, on a fresh connection, so that the next start restarts it
     * at once. Only with the lock held, which proves the running execution this process's own. Best effort:
     * false when the database still refuses (the next start then recovers it by the lock).
     */
    public boolean failOwn(String jobName, JobParameters parameters, RunDateLock lock, Throwable failure) {
        if (!lock.held()) {
            return false;
        }
        RuntimeException last = null;
        // a connection the server closed is evicted from the pool when it fails; the next attempt gets a new one
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                JobExecution execution = jobRepository.getLastJobExecution(jobName, parameters);
                if (execution == null || !running(execution)) {
                    return execution != null;
                }
                log.warn("{} execution {} ({}) is left {} by its own failed run ({}); marking it FAILED so that a rerun"
                        + " resumes it at once", jobName, execution.getId(), parameters, execution.getStatus(),
                        failure.toString());
                fail(execution, "failed on the database: " + failure.getMessage());
                return true;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        log.warn("Could not mark {} {} FAILED ({}); the next start recovers it", jobName, parameters, last.toString());
        return false;
    }

    /**
     * Spring Batch creates a partition's step execution and saves the context its partitioner gave it in two
     * transactions, and a restart gives a partition the context of its last execution. A process that died (or
     * lost its connection) between the two left a partition without its context, and every restart would
     * repeat it, failing the same way. Such a partition never did any work: its failed step executions are
     * removed, so that the restart partitions it afresh (or from an earlier execution of it that has its context).
     */
    private void forgetPartitionsWithoutContext(String jobName, JobInstance instance) {
        for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
            if (running(execution)) {
                continue;
            }
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStepName().contains(PARTITION_SEPARATOR) && step.getStatus() != BatchStatus.COMPLETED
                        && step.getExecutionContext().entrySet().stream().allMatch(e -> e.getKey().startsWith("batch."))) {
                    log.warn("{} partition {} of execution {} has lost the context its partitioner gave it ({}); removing"
                            + " it so that the restart partitions it afresh", jobName, step.getStepName(),
                            execution.getId(), step.getStatus());
                    jobRepository.deleteStepExecution(step);
                }
            }
        }
    }

    private static boolean running(JobExecution execution) {
        return execution.isRunning() || execution.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning());
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
        fail(execution, "recovered by driftwatch: ended " + execution.getStatus()
                + " after a failed rollback; restarted from its failed steps");
    }

    /** The execution and its UNKNOWN or still running steps FAILED with {@code description}. */
    private void fail(JobExecution execution, String description) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()));
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
        if (execution.getStartTime() == null) {
            execution.setStartTime(now);
        }
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
