package io.driftwatch.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

import io.driftwatch.ExitCodes;
import io.driftwatch.config.ConfigurationProblem;
import io.driftwatch.config.Monitor;
import io.driftwatch.config.MonitorCatalog;
import io.driftwatch.config.MonitorConfigurationException;
import io.driftwatch.db.DatabaseUnreachableException;
import io.driftwatch.demo.DemoData;
import io.driftwatch.job.AbandonedExecutions;
import io.driftwatch.job.DriftJobConfiguration;
import io.driftwatch.job.JobFailures;
import io.driftwatch.job.RunDateLock;
import io.driftwatch.report.DriftRun;
import io.driftwatch.report.JdbcDriftRunDao;
import io.driftwatch.source.DataCheck;
import io.driftwatch.job.Termination;
import io.driftwatch.telemetry.ProcessPeaks;

/**
 * {@code driftJob [runDate=YYYY-MM-DD]}: starts the night of a run date, or restarts it from its
 * failed step, and turns the result into an exit code and a sentence for the operator.
 */
public final class DriftCommand extends NamedCommand {

    private static final Logger log = LoggerFactory.getLogger(DriftCommand.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job driftJob;
    private final AbandonedExecutions abandoned;
    private final MonitorCatalog catalog;
    private final Clock clock;
    private final Optional<DemoData> demo;
    private final DataCheck check;
    private final JdbcDriftRunDao runs;

    /** @param demo the built-in demo's data, present only on the embedded database with no monitors configured */
    public DriftCommand(JobOperator jobOperator, JobRepository jobRepository, Job driftJob, AbandonedExecutions abandoned,
                        MonitorCatalog catalog, Clock clock, Optional<DemoData> demo, DataCheck check, JdbcDriftRunDao runs) {
        super(DriftJobConfiguration.JOB_NAME, false);
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.driftJob = driftJob;
        this.abandoned = abandoned;
        this.catalog = catalog;
        this.clock = clock;
        this.demo = demo;
        this.check = check;
        this.runs = runs;
    }

    @Override
    public Outcome run(List<String> args) {
        if (catalog.monitors().isEmpty()) {
            return new Outcome(ExitCodes.INVALID_CONFIGURATION, "driftJob has no monitors to run: none are configured for this"
                    + " database. Add driftwatch.monitors to application.yaml (see README, Configuration), or unset"
                    + " SPRING_DATASOURCE_URL to run the built-in demo on the embedded database.");
        }
        LocalDate runDate = JobArguments.parse(args, clock, catalog.zone()).runDate();
        demo.ifPresent(d -> {
            log.info("No monitors configured and the embedded database is in use: running the built-in demo");
            d.load(runDate, catalog.zone());
        });
        Outcome outcome = launch(runDate);
        log.info("driftJob {} for runDate={}: {}", outcome.exitCode(), runDate, ProcessPeaks.describe());
        return outcome;
    }

    /**
     * Starts or restarts driftJob for {@code runDate}, holding the date's {@link RunDateLock} from before it looks
     * at the date's executions until the run has ended: a start that cannot take it exits 4 at once.
     */
    public Outcome launch(LocalDate runDate) {
        JobParameters parameters = DriftJobConfiguration.parameters(runDate);
        RunDateLock lock;
        try {
            lock = abandoned.lock(DriftJobConfiguration.JOB_NAME, parameters);
        } catch (RuntimeException e) {
            return couldNotStart(runDate, e);
        }
        try (lock) {
            if (!lock.held()) {
                log.info("driftJob for runDate={} is being run by another process (it holds the date's lock)", runDate);
                return new Outcome(ExitCodes.ALREADY_RUNNING, "driftJob is already running for runDate=" + runDate
                        + " in another process, which holds the date's lock; nothing was written. Rerun the same runDate"
                        + " once it has ended: if it died, the rerun resumes its run at once.");
            }
            return launch(runDate, parameters, lock);
        }
    }

    private Outcome launch(LocalDate runDate, JobParameters parameters, RunDateLock lock) {
        JobExecution execution;
        List<Monitor> unfinished;
        try {
            abandoned.recoverDate(DriftJobConfiguration.JOB_NAME, parameters, lock);
            JobExecution last = jobRepository.getLastJobExecution(DriftJobConfiguration.JOB_NAME, parameters);
            if (last == null && jobRepository.getJobInstance(DriftJobConfiguration.JOB_NAME, parameters) != null) {
                // an instance whose creator has not (or, where nothing proves it gone, may not have) created its
                // first execution: Spring Batch can neither start nor restart it
                return alreadyRunning(runDate);
            }
            unfinished = last != null && last.getStatus() == BatchStatus.COMPLETED ? unfinishedReprocessing(runDate)
                    : List.of();
            if (!unfinished.isEmpty() && abandoned.runningOnDate(DriftJobConfiguration.JOB_NAME, runDate)) {
                // a reprocessing of the date that nothing proves over yet (H2, within recover-after)
                return alreadyRunning(runDate);
            }
            if (last == null || !last.isRunning()) {
                List<Monitor> open = catalog.monitors().stream().filter(m -> runs.find(m.name(), runDate)
                        .map(r -> r.status() != DriftRun.Status.COMPLETED).orElse(true)).toList();
                Outcome refused = last != null && last.getStatus() == BatchStatus.COMPLETED ? null : check(open, runDate);
                if (refused != null) {
                    return refused;
                }
            }
        } catch (RuntimeException e) {
            return couldNotStart(runDate, e);
        }
        if (!unfinished.isEmpty()) {
            return finishReprocessing(unfinished, runDate);
        }
        try {
            execution = jobOperator.start(driftJob, parameters);
        } catch (JobInstanceAlreadyCompleteException e) {
            return new Outcome(ExitCodes.ALREADY_COMPLETE, "driftJob already completed for runDate=" + runDate
                    + "; nothing was written. Reports are in drift_run / drift_report; to reprocess the date on purpose: runs"
                    + " rerun monitor=NAME runDate=" + runDate + ".");
        } catch (JobExecutionAlreadyRunningException e) {
            return alreadyRunning(runDate);
        } catch (DuplicateKeyException e) {
            // Only the instance's creation inserts under a unique key (JOB_INST_UN): another process, one that does
            // not take the date's lock, created it first. Nothing of this process's own was written.
            log.info("driftJob for runDate={} was started by another process at the same moment: {}", runDate, e.toString());
            return alreadyRunning(runDate);
        } catch (Exception e) {
            // The job is over even though its end may not be recorded (its listeners did not run): let the stop hook go.
            Termination.jobEnded();
            OptimisticLockingFailureException concurrentUpdate = JobFailures.causedBy(e, OptimisticLockingFailureException.class);
            if (concurrentUpdate != null) {
                return afterConcurrentUpdate(runDate, parameters, concurrentUpdate);
            }
            // The run's own bookkeeping failed (its final update, on a connection the server closed): its execution
            // would stay STARTED; mark it FAILED now, so that the rerun resumes it.
            boolean failed = abandoned.failOwn(DriftJobConfiguration.JOB_NAME, parameters, lock, e);
            if (DatabaseUnreachableException.isConnectionFailure(e)) {
                log.error("driftJob failed for runDate={}: the database connection failed", runDate, e);
                return new Outcome(ExitCodes.FAILED, "driftJob failed for runDate=" + runDate + ": the database"
                        + " connection failed (" + e.getMessage() + ")" + (failed ? "; its execution is marked FAILED" : "")
                        + ". Rerun the same runDate once the database answers: it resumes from the failed step.");
            }
            log.error("driftJob failed unexpectedly for runDate={}", runDate, e);
            return new Outcome(ExitCodes.UNEXPECTED, "driftJob failed unexpectedly for runDate=" + runDate + ": "
                    + e.getMessage());
        }
        return outcome(runDate, execution);
    }

    /**
     * The monitors whose run of a date the night has completed is not COMPLETED: only a reprocessing of the date
     * ({@code runs rerun}) reopens such a run, so one that was killed, failed or stopped left it RUNNING or FAILED,
     * its outcome cleared and its report rows partly replaced. A monitor configured after the night (no run) is not one.
     */
    private List<Monitor> unfinishedReprocessing(LocalDate runDate) {
        return catalog.monitors().stream().filter(m -> runs.find(m.name(), runDate)
                .map(r -> r.status() != DriftRun.Status.COMPLETED).orElse(false)).toList();
    }

    /**
     * The night of a completed date on which a reprocessing did not finish (its execution recovered by
     * {@link AbandonedExecutions#recoverDate}): the night's own instance cannot run again, so the date is finished as
     * that reprocessing would have finished it, one rerun per monitor holding the date's lock, rather than left
     * RUNNING or FAILED behind an exit 3 that says it completed.
     */
    private Outcome finishReprocessing(List<Monitor> unfinished, LocalDate runDate) {
        Outcome outcome = null;
        for (Monitor monitor : unfinished) {
            log.warn("driftJob for runDate={} has completed, but the reprocessing of monitor {} (runs rerun) did not"
                    + " finish: its run is not COMPLETED; reprocessing it again now", runDate, monitor.name());
            outcome = rerunHoldingTheDate(monitor, runDate);
            if (outcome.exitCode() != ExitCodes.COMPLETED) {
                return outcome;
            }
        }
        return new Outcome(ExitCodes.COMPLETED, "driftJob had completed for runDate=" + runDate + "; finished the"
                + " reprocessing of monitor(s) " + unfinished.stream().map(Monitor::name).toList()
                + " that a killed or failed runs rerun had left unfinished", outcome.execution());
    }

    /** Failed before the job began: the date's lock, recovery or the checks could not be done. */
    private Outcome couldNotStart(LocalDate runDate, RuntimeException e) {
        if (DatabaseUnreachableException.isConnectionFailure(e)) {
            log.error("driftJob could not start for runDate={}: the database connection failed", runDate, e);
            return new Outcome(ExitCodes.FAILED, "driftJob could not start for runDate=" + runDate + ": the database"
                    + " connection failed (" + e.getMessage() + "). Rerun the same runDate once the database answers.");
        }
        log.error("driftJob could not start for runDate={}", runDate, e);
        return new Outcome(ExitCodes.UNEXPECTED, "driftJob could not start for runDate=" + runDate + ": " + e.getMessage());
    }

    /**
     * Reprocesses one monitor's date on purpose ({@code runs rerun}): a new job instance limited to the monitor
     * that replaces the run's reports in place; a date never run is simply run for the monitor.
     */
    public Outcome rerun(String monitorName, LocalDate runDate) {
        Monitor monitor = catalog.find(monitorName).orElseThrow(() -> new UsageException("No monitor named '" + monitorName
                + "' is configured." + CommandLineCheck.closest(monitorName, catalog.monitors().stream().map(Monitor::name)
                .toList()).map(c -> " Did you mean " + c + "?").orElse("") + " Monitors: "
                + catalog.monitors().stream().map(Monitor::name).toList()));
        // The date's own lock: while a rerun holds it, the night of the date cannot start (exit 4), nor can another
        // rerun of the date, so two processes never replace the same rows at once.
        JobParameters night = DriftJobConfiguration.parameters(runDate);
        try (RunDateLock lock = abandoned.lock(DriftJobConfiguration.JOB_NAME, night)) {
            if (!abandoned.claimDate(lock, DriftJobConfiguration.JOB_NAME, night)) {
                return new Outcome(ExitCodes.ALREADY_RUNNING, "driftJob is running or reprocessing runDate=" + runDate
                        + " in another process right now; nothing was written. Rerun monitor " + monitorName
                        + " once it has finished.");
            }
            return rerunHoldingTheDate(monitor, runDate);
        }
    }

    private Outcome rerunHoldingTheDate(Monitor monitor, LocalDate runDate) {
        String monitorName = monitor.name();
        Outcome refused = check(List.of(monitor), runDate);
        if (refused != null) {
            return refused;
        }
        JobExecution execution;
        try {
            execution = jobOperator.start(driftJob, DriftJobConfiguration.rerunParameters(runDate, monitorName,
                    clock.instant()));
        } catch (Exception e) {
            log.error("driftJob could not start the rerun of monitor {} for runDate={}", monitorName, runDate, e);
            return new Outcome(ExitCodes.UNEXPECTED, "driftJob could not start the rerun of monitor " + monitorName
                    + " for runDate=" + runDate + ": " + e.getMessage());
        }
        Outcome outcome = outcome(runDate, execution);
        return outcome.exitCode() == ExitCodes.COMPLETED ? new Outcome(ExitCodes.COMPLETED, "driftJob reprocessed monitor "
                + monitorName + " for runDate=" + runDate, execution) : outcome;
    }

    /**
     * Before anything is written for the date: the monitors against the database (exit 2), and rows on both
     * sides of every window (exit 7); null when the date can run.
     */
    private Outcome check(List<Monitor> monitors, LocalDate runDate) {
        List<ConfigurationProblem> problems = check.schemaProblems(monitors);
        if (!problems.isEmpty()) {
            return new Outcome(ExitCodes.INVALID_CONFIGURATION, new MonitorConfigurationException(problems).getMessage()
                    + "\nFix the listed keys (or the tables) and run the same command again.");
        }
        List<String> missing = check.missingData(monitors, runDate, catalog.zone());
        if (!missing.isEmpty()) {
            return new Outcome(ExitCodes.NO_DATA, "driftJob has nothing to judge for runDate=" + runDate
                    + "; nothing was written, so the same date runs once this is corrected:\n  - "
                    + String.join("\n  - ", missing));
        }
        return null;
    }

    private Outcome alreadyRunning(LocalDate runDate) {
        return new Outcome(ExitCodes.ALREADY_RUNNING, "driftJob is already running for runDate=" + runDate
                + " in another process; nothing was written. Where the database cannot tell whether that process is"
                + " alive (H2), its run is recovered and resumed once idle for driftwatch.recover-after ("
                + abandoned.recoverAfter() + "); to take over now, when you are sure it is not running, rerun with"
                + " --driftwatch.recover-after=PT0S.");
    }

    /**
     * The job's own update of its execution met a newer version: a stop request (SIGTERM) or another process
     * changed it meanwhile. The repository says what the execution became; a rerun resumes it either way.
     */
    private Outcome afterConcurrentUpdate(LocalDate runDate, JobParameters parameters, Exception failure) {
        log.warn("driftJob for runDate={} met a concurrent update of its execution: {}", runDate, failure.toString());
        JobExecution last = jobRepository.getLastJobExecution(DriftJobConfiguration.JOB_NAME, parameters);
        BatchStatus status = last == null ? BatchStatus.UNKNOWN : last.getStatus();
        if (Termination.requested() || status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            return new Outcome(ExitCodes.STOPPED, "driftJob was stopped for runDate=" + runDate
                    + "; rerun the same runDate to resume.", last);
        }
        return new Outcome(ExitCodes.FAILED, "driftJob " + status + " for runDate=" + runDate + " (" + failure.getMessage()
                + "). Rerun the same runDate to resume from the failed step.", last);
    }

    static Outcome outcome(LocalDate runDate, JobExecution execution) {
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            return new Outcome(ExitCodes.COMPLETED, "driftJob completed for runDate=" + runDate, execution);
        }
        MonitorConfigurationException configuration = JobFailures.causedBy(execution, MonitorConfigurationException.class);
        if (configuration != null) {
            return new Outcome(ExitCodes.INVALID_CONFIGURATION, configuration.getMessage(), execution);
        }
        if (status == BatchStatus.STOPPED) {
            return new Outcome(ExitCodes.STOPPED, "driftJob was stopped" + (Termination.requested() ? " by " + Termination.requestedBy() : "")
                    + " for runDate=" + runDate
                    + "; rerun the same runDate to resume.", execution);
        }
        return new Outcome(ExitCodes.FAILED, "driftJob " + status + " for runDate=" + runDate + " ("
                + JobFailures.root(execution) + "). Rerun the same runDate to resume from the failed step.", execution);
    }

}
